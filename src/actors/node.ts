/**
 * The graph node an actor code belongs to: a state's government and its leaders stand for the
 * state (RUSGOV, RUSELI → RUS); other sectors (military, rebels, opposition, media, ...) and
 * blocs keep their own node. Lives with the actor codes so relations and graph both import it
 * from below (graph re-exports it).
 */
export function nodeCode(code: string): string {
  const m = /^([A-Z]{3})(GOV|ELI|GOVELI|ELIGOV)$/.exec(code);
  return m ? m[1]! : code;
}
