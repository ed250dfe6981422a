// The version this browser's editor last saved of each article, for the workflow panel beside it.
// The panel's own version comes with the page's refresh after a save, which React may apply a
// moment after the editor already shows 已保存: 提交审核 clicked in between acted on the version
// before and was refused as a conflict. Only this person's own saves are recorded, so a newer
// version someone else saved is still a conflict.
const savedVersions = new Map<string, number>();

export function recordSavedVersion(articleId: string, version: number): void {
  savedVersions.set(articleId, Math.max(savedVersions.get(articleId) ?? 0, version));
}

/** The newer of the version the page was rendered with and the one this browser last saved. */
export function latestKnownVersion(articleId: string, rendered: number): number {
  return Math.max(rendered, savedVersions.get(articleId) ?? 0);
}
