// A profile as the header shows it. Pure.
import type { UserProfile } from './user-profile';

/** The name, else the email, else an invitation to fill the profile in. */
export function actorText(profile: UserProfile | undefined): string {
  if (!profile) return '';
  return profile.name || profile.email || 'Set your name';
}
