// How long an edit lock lives without a heartbeat, and how often the editor page sends one
// (lib/articles/edit-lock.ts on the server, components/articles/use-edit-lock.ts in the browser).
export const EDIT_LOCK_SECONDS = 120;
export const EDIT_LOCK_HEARTBEAT_SECONDS = 10;
