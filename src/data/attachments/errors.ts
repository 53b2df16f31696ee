// Typed failures of the attachment pipeline. The UI translates the code (and its params) into the
// user's language, so nothing here is user-facing text.

export type AttachmentErrorCode = 'type' | 'too-large' | 'unreadable' | 'quota';
export type AttachmentErrorParams = Readonly<Record<string, string | number>>;

export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';

  constructor(
    readonly code: AttachmentErrorCode,
    readonly params: AttachmentErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
  }
}
