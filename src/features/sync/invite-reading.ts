// Reading an invite link's fragment for the join page: the invite, or what is wrong with it in
// the words the page shows. Pure (the time is passed in).
import { parseInviteLink, type Invite } from '../../sdk/sync';
import { dateTime } from './status-line';

export type ReadInvite = { invite: Invite } | { problem: string };

/** The invite in `fragment`, or what is wrong with it in words. */
export function readInvite(fragment: string, now: number): ReadInvite {
  if (fragment.replace(/^#/, '').trim() === '') return { problem: 'This page opens invite links. Ask the person sharing a workspace for one.' };
  let invite: Invite;
  try {
    invite = parseInviteLink(fragment);
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  if (invite.claims.expiresAt <= now) return { problem: `This invite expired on ${dateTime(invite.claims.expiresAt)}. Ask for a new one.` };
  return { invite };
}
