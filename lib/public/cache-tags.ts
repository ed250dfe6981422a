// Every public read is tagged with this; publish and unpublish expire it so that a change is
// live on the next request. Publishing is rare next to reading, so one tag is enough.
export const publicCacheTag = 'public-content';
