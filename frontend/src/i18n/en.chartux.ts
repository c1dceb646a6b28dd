// English: the chart's layout (sticky summary, folded sections, sources on demand), the fields'
// own messages, the vitals ranges and the lab worklist's reasons. Spread into the English catalog.
export const enChartUx = {
  'sum.label': 'Summary of the chart',
  'sum.flags': 'Flags',
  'sum.none': 'none',
  'sum.flag_identity': 'identity mismatch',
  'sum.flag_pregnant': 'pregnant',
  'sum.pending': 'To do',
  'sum.nothing_pending': 'nothing left',
  'sum.recorded_by': 'recorded by {by}',
  'sum.not_recorded': 'not recorded yet',
  'fold.results': 'Enter lab and X-ray results',
  'plan.source_open': 'Source',
  'fielderr.fix_marked': 'Some fields need attention: each one says why.',
  'fielderr.range': 'Enter a value from {min} to {max}.',
  'fielderr.check_here': 'Check this value.',
  'vflag.or': 'or',
  'vflag.sources': 'Where these ranges come from',
  'labw.with_nurse': 'Still waiting for the nurse',
  'labw.ready_now': 'Seen by the nurse: specimens can be taken now',
  'labw.with_nurse_long': 'History or vitals are not recorded yet. The orders are listed because the protocol requires these tests; take the specimens when the person comes to the lab.',
};
