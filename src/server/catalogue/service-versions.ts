// What an administrator's change to a service's form does to its versions: a changed form (fields or
// groups) gets the next version number, and the version it replaces stays open (Service.earlierForms)
// so drafts begun with it are still shown and accepted with it, until an administrator closes it or
// MAX_EARLIER_FORMS newer ones push it out. Also the definition check every save goes through.
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import { MAX_EARLIER_FORMS, type ServiceContent } from '../../domain/catalogue/service.ts';
import { checkDefinition, describeIssue } from '../../domain/forms/rules/check.ts';
import { sameContent } from './edit.ts';

/** The `fields` of a 400 for a definition whose rules do not hold together, or null when they do. */
export function definitionProblems(content: Pick<ServiceContent, 'requirements' | 'form'>) {
  const issues = checkDefinition(content.requirements, content.form);
  if (issues.length === 0) return null;
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = `body.${issue.path}`;
    fields[key] = [...(fields[key] ?? []), describeIssue(issue)];
  }
  return fields;
}

const formContent = (f: FormDefinition) => ({ fields: f.fields, groups: f.groups ?? [] });

/**
 * The service to store when `body` replaces `stored`. `body.earlierForms`, when given, can only close
 * versions (those it leaves out); old versions cannot be written through it.
 */
export function nextVersions(
  stored: Pick<ServiceContent, 'form' | 'earlierForms' | 'requirements'>,
  body: ServiceContent,
): { content: ServiceContent; formVersion: number; closed: number[] } {
  const changed = !sameContent(formContent(stored.form), formContent(body.form));
  const formVersion = changed ? Math.max(stored.form.version + 1, body.form.version) : stored.form.version;
  let earlier = stored.earlierForms ?? [];
  const keep = body.earlierForms?.map((f) => f.version);
  const closed = keep ? earlier.filter((f) => !keep.includes(f.version)).map((f) => f.version) : [];
  if (keep) earlier = earlier.filter((f) => keep.includes(f.version));
  if (changed) earlier = [...earlier, { ...stored.form, requirements: stored.requirements }].slice(-MAX_EARLIER_FORMS);
  const { earlierForms: _ignored, ...rest } = body;
  return {
    content: {
      ...rest,
      form: { ...body.form, version: formVersion },
      ...(earlier.length > 0 ? { earlierForms: earlier } : {}),
    },
    formVersion,
    closed,
  };
}
