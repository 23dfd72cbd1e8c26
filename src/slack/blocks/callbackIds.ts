// Callback ids of the modals and shortcuts Vigil answers: the contract between the views we open
// (and the app manifest) and the listeners that handle their submissions.

export const VIEWS = {
  declare: 'incident:declare-form',
  resolve: 'incident:resolve-form',
  updateForm: 'incident:update-form',
  updatePreview: 'incident:update-preview',
} as const;

/** Message shortcuts; the same ids go into the app manifest's `shortcuts`. */
export const SHORTCUTS = {
  addToTimeline: 'add_to_timeline',
  starForReview: 'star_for_review',
} as const;
