/**
 * NOTIFY channel names. LISTEN folds an unquoted name to lower case while pg_notify() takes its
 * argument verbatim, so only lower-case identifiers are accepted: both sides then agree.
 */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertChannelName(channel: string): string {
  if (!CHANNEL_NAME.test(channel)) {
    throw new Error(`Invalid NOTIFY channel name "${channel}": use lower-case letters, digits and _ (max 63)`);
  }
  return channel;
}
