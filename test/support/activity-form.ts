/** The activity form as the sidebar sends it: one school's planned meeting, with the fields a test changes. */
export function activityForm(patch: Record<string, unknown> = {}) {
  return {
    block: 'Управленческий блок',
    activity: 'Совещание при директоре',
    schools: ['sch771005'],
    period: '2026-09-01/2027-08-31',
    term: 'октябрь',
    start: '',
    end: '',
    responsible: 'Директор',
    result: '',
    document: '',
    status: 'запланировано',
    mark: '',
    ...patch,
  };
}
