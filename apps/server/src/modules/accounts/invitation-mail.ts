import type { Mail } from '../../adapters/mail/port.js';
import type { WorkspaceRole } from '../../db/schema.js';
import type { CreatedInvitation } from './invitation-service.js';

const roleWords: Record<WorkspaceRole, string> = { owner: 'an owner', admin: 'an admin', member: 'a member' };

/** The mail that carries an invitation's code to the person invited. */
export function invitationMail(input: {
  invitation: CreatedInvitation;
  inviter: { name: string; email: string };
  workspaceName: string;
  signInUrl: string;
}): Mail {
  const { invitation, inviter } = input;
  return {
    to: invitation.email,
    subject: `${inviter.name} invited you to ${input.workspaceName} on Jarvis`,
    text: [
      `${inviter.name} (${inviter.email}) invited you to join the workspace "${input.workspaceName}" on Jarvis as ${roleWords[invitation.role]}.`,
      '',
      `To accept, sign in at ${input.signInUrl} with this email address (or sign up with it), then accept the invitation with this code:`,
      '',
      `  ${invitation.token}`,
      '',
      `(From code: accounts.invitations.accept({ token: '<the code>' }).) The invitation expires on ${invitation.expiresAt.toUTCString()}.`,
      'If you did not expect it, ignore this mail: nothing happens until you accept.',
    ].join('\n'),
  };
}
