// The requirements checklist of a draft's review: each requirement of the standard that applies to
// these answers, attached or to bring, and each requirement group as met by what was attached — a
// group met by one alternative lists that one and never asks for the others.
import type { FormDefinition, RequirementGroup } from '../catalogue/form.ts';
import type { Requirement } from '../catalogue/service.ts';
import { type Answers, type Attachments, own } from './answers.ts';
import { evaluate } from './rules/evaluate.ts';
import { groupState, isCheckedGroup } from './validate.ts';

export type ChecklistItem =
  | {
      kind: 'requirement';
      requirement: Requirement;
      /** Files attached for it. */
      files: number;
      /** Whether its upload is required, optional, or not asked for (shown at the office). */
      upload: 'required' | 'optional' | 'none';
    }
  | {
      kind: 'group';
      group: RequirementGroup;
      /** Checked by the files attached (else: the resident brings what the group asks for). */
      checked: boolean;
      satisfied: boolean;
      needed: number;
      /** The requirements that met it, with their files: what the review lists once it is met. */
      used: Array<{ requirement: Requirement; files: number }>;
      /** The requirements that may meet it: what the review offers while it is not met. */
      options: Requirement[];
    };

export function requirementChecklist(
  requirements: readonly Requirement[],
  def: FormDefinition,
  answers: Answers,
  attachments: Attachments,
  today: Date,
): ChecklistItem[] {
  const rules = evaluate({ form: def, answers, attachments, today });
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const groups = def.groups ?? [];
  const items: ChecklistItem[] = [];
  const listed = new Set<string>();
  for (const requirement of requirements) {
    if (listed.has(requirement.id)) continue;
    const group = groups.find((g) => g.requirementIds.includes(requirement.id));
    if (group) {
      for (const id of group.requirementIds) listed.add(id);
      if (!rules.groupRelevant(group)) continue;
      const member = (id: string) => byId.get(id);
      if (!isCheckedGroup(def, group)) {
        const options = group.requirementIds.map(member).filter((r): r is Requirement => !!r);
        items.push({ kind: 'group', group, checked: false, satisfied: false, needed: 1, used: [], options });
        continue;
      }
      const state = groupState(def, group, rules, attachments);
      if (state.members.length === 0) continue;
      items.push({
        kind: 'group',
        group,
        checked: true,
        satisfied: state.satisfied,
        needed: state.needed,
        used: state.attached.flatMap((a) => {
          const r = member(a.requirementId);
          return r ? [{ requirement: r, files: a.files }] : [];
        }),
        options: state.members.map(member).filter((r): r is Requirement => !!r),
      });
      continue;
    }
    listed.add(requirement.id);
    const docs = def.fields.filter((f) => f.kind === 'document' && f.requirementId === requirement.id);
    const shown = docs.filter((f) => rules.relevant(f.key));
    // Asked for only in other cases (e.g. the police report when the card was not lost).
    if (docs.length > 0 && shown.length === 0) continue;
    items.push({
      kind: 'requirement',
      requirement,
      files: shown.reduce((n, f) => n + (own(attachments, f.key)?.length ?? 0), 0),
      upload: shown.length === 0 ? 'none' : shown.some((f) => f.required) ? 'required' : 'optional',
    });
  }
  return items;
}
