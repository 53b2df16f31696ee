// The server's notion of "now" for rules that compare stored times with the present (overdue
// applications and complaints, the dashboard's "by then"): one injectable function instead of the
// database's now(), so a test, or a server under test, decides what day it is.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
