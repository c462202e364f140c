/** One validation problem, with the path to the offending field. */
export interface SchemaIssue {
  /** Dotted path such as `items.2.name`; empty for the root. */
  path: string;
  message: string;
}

export function formatIssues(issues: readonly SchemaIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > max ? `; and ${issues.length - max} more` : "";
  return shown.join("; ") + more;
}
