import type { WorkspaceRole } from '../db/schema.js';
import type { MemoryMailSender } from './memory-mail-sender.js';
import type { TestClient } from './trpc-test-client.js';

/** Puts a signed-in person into a workspace the way people join: invited by mail, then accepting. */
export async function joinByInvitation(input: {
  inviter: TestClient;
  invitee: TestClient;
  mail: MemoryMailSender;
  workspaceId: string;
  email: string;
  role?: WorkspaceRole;
}): Promise<void> {
  await input.inviter.accounts.members.invite.mutate({
    workspaceId: input.workspaceId,
    email: input.email,
    role: input.role ?? 'member',
  });
  await input.invitee.accounts.invitations.accept.mutate({
    token: input.mail.lastInvitationCodeTo(input.email.toLowerCase()),
  });
}
