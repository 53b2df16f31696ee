// The error of a field officer's tablet whose PIN has not opened the data key yet: its own module,
// so a screen can recognise it without loading the field database's code.
export class FieldLockedError extends Error {
  constructor() {
    super('the field data is locked: unlock with the PIN');
    this.name = 'FieldLockedError';
  }
}
