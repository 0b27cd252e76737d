/**
 * Everything the platform holds about one person, for their own download (`/account/export`,
 * 个人信息查阅复制权) and for erasing it when they delete their account. Secrets are left out: no
 * password or token hashes, no authenticator secret. Each list is capped (a person's own records
 * never come near it; the cap keeps one request bounded whatever happens).
 */
import { sql, type SQL } from 'drizzle-orm';
import { timeValue } from './dialect.server';
import { runStatement as run, selectRow, selectRows } from './rows.server';

/** Rows per list; far above what one person produces, so in practice the export is complete. */
export const PERSONAL_LIST_CAP = 10_000;

type Row = Record<string, unknown>;

/** The query with the person's id bound wherever it says @id. */
function forPerson(text: string, userId: number): SQL {
  return sql.join(
    text.split('@id').map((part, i) => (i === 0 ? sql.raw(part) : sql`${userId}${sql.raw(part)}`)),
    sql``,
  );
}

async function all(text: string, userId: number): Promise<Row[]> {
  return await selectRows<Row>(sql`${forPerson(text, userId)} limit ${PERSONAL_LIST_CAP}`);
}

async function one(text: string, userId: number): Promise<Row | undefined> {
  return await selectRow<Row>(forPerson(text, userId));
}

/** Timestamps (milliseconds on SQLite, text on PostgreSQL) as ISO 8601, so the file reads without a converter. */
function withDates(rows: Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, key.endsWith('_at') && (typeof value === 'number' || typeof value === 'string') ? new Date(value).toISOString() : value]),
    ),
  );
}

export async function personalData(userId: number): Promise<Record<string, unknown>> {
  const account = await one(
    `select u.id, u.email, u.name, u.role, d.name as department, u.email_verified_at, u.locale, u.totp_enabled_at is not null as two_factor_enabled, u.created_at, u.updated_at
     from users u left join departments d on d.id = u.department_id where u.id = @id`,
    userId,
  );
  return {
    account: account ? withDates([account])[0] : null,
    consents: withDates(await all('select kind, version, accepted_at from consents where user_id = @id order by accepted_at', userId)),
    sessions: withDates(await all('select created_at, last_seen_at, expires_at, ip, user_agent from sessions where user_id = @id order by created_at', userId)),
    apiTokens: withDates(await all('select name, prefix, created_at, last_used_at, revoked_at from api_tokens where user_id = @id order by id', userId)),
    notificationPreferences: await all('select kind, delivery from notification_preferences where user_id = @id', userId),
    follows: withDates(await all('select target_type, target_id, created_at from follows where user_id = @id order by created_at', userId)),
    notifications: withDates(await all('select kind, params, link, created_at, read_at from notifications where user_id = @id order by id', userId)),
    dataRequests: withDates(await all('select id, title, description, purpose, status, created_at from data_requests where requester_id = @id order by id', userId)),
    dataRequestVotes: withDates(await all('select request_id, created_at from data_request_votes where user_id = @id order by created_at', userId)),
    comments: withDates(await all('select id, target_type, target_id, body, created_at, edited_at, deleted_at from comments where author_id = @id order by id', userId)),
    commentReports: withDates(await all('select comment_id, reason, note, created_at from comment_reports where reporter_id = @id order by created_at', userId)),
    entries: withDates(
      await all(
        `select s.id, c.title as challenge, s.title, s.team_name, s.summary, s.body, s.links, s.status, s.submitted_at, m.role as team_role, m.status as membership, m.joined_at
         from submission_members m join submissions s on s.id = m.submission_id join challenges c on c.id = s.challenge_id where m.user_id = @id order by s.id`,
        userId,
      ),
    ),
    votes: withDates(await all('select challenge_id, submission_id, created_at from votes where user_id = @id order by created_at', userId)),
    judging: withDates(await all('select c.title as challenge, j.created_at, j.accepted_at from challenge_judges j join challenges c on c.id = j.challenge_id where j.user_id = @id order by j.id', userId)),
    reviews: withDates(await all('select submission_id, status, private_note, feedback, completed_at, created_at, updated_at from reviews where judge_id = @id order by id', userId)),
    // Applications for data open on condition, the grants they led to, and every read under them (个人信息查阅).
    accessApplications: withDates(
      await all(
        `select a.id, ds.title as dataset, a.applicant_kind, a.organisation_name, a.organisation_code, a.purpose, a.intended_use, a.resource_ids, a.period_days,
                a.agreement_version, a.status, a.decision_reason, a.decided_at, a.created_at
         from access_applications a join datasets ds on ds.id = a.dataset_id where a.applicant_id = @id order by a.id`,
        userId,
      ),
    ),
    accessGrants: withDates(
      await all(
        `select g.id, ds.title as dataset, g.application_id, g.resource_ids, g.agreement_version, g.starts_at, g.expires_at, g.revoked_at
         from access_grants g join datasets ds on ds.id = g.dataset_id where g.user_id = @id order by g.id`,
        userId,
      ),
    ),
    grantReads: withDates(await all('select grant_id, dataset_id, resource_id, kind, row_count, query, at as read_at from grant_reads where user_id = @id order by at', userId)),
    conflictsDeclared: withDates(await all('select submission_id, source, reason, created_at from conflicts where judge_id = @id order by id', userId)),
    // What the person did that was recorded, and what was recorded about their account.
    auditLog: withDates(
      await all(
        `select action, target_type, target_id, details, ip, created_at from audit_log
         where actor_id = @id or (target_type = 'user' and target_id = cast(@id as text)) order by id`,
        userId,
      ),
    ),
  };
}

/**
 * Shown wherever a deleted account's name would be (comments, teams, judging records). A value in
 * the data, like a person's name, not a sentence of the interface.
 */
export const DELETED_NAME = '已注销用户';

/** The address a deleted account keeps: unique, and undeliverable by design (RFC 2606). */
export function deletedEmail(userId: number): string {
  return `deleted-${userId}@deleted.invalid`;
}

/**
 * Erases a person's personal data, inside the caller's transaction. The account row stays as a
 * tombstone (its id holds comments, entries, reviews and the audit log together) with no name,
 * address, password or second factor; what they wrote stays, shown as written by 已注销用户.
 * Teams they own pass to the longest-standing other member; an entry with no one left is
 * withdrawn. The audit log, append-only, is not touched.
 */
export async function erasePerson(userId: number, now = new Date()): Promise<{ withdrawnEntries: number[]; passedEntries: number[] }> {
  const person = await selectRow<{ email: string; name: string }>(sql`select email, name from users where id = ${userId}`);
  if (!person) throw new Error(`no user ${userId}`);
  const tombstone = deletedEmail(userId);
  const at = timeValue(now);

  // Teams: ownership passes on, or the entry is withdrawn.
  const owned = await selectRows<{ id: number }>(sql`select submission_id as id from submission_members where user_id = ${userId} and role = 'owner' and status = 'active'`);
  const withdrawnEntries: number[] = [];
  const passedEntries: number[] = [];
  for (const { id } of owned) {
    const heir = await selectRow<{ id: number }>(
      sql`select id from submission_members where submission_id = ${id} and (user_id is null or user_id <> ${userId}) and status = 'active' order by joined_at, id limit 1`,
    );
    if (heir) {
      await run(sql`update submission_members set role = 'owner' where id = ${heir.id}`);
      await run(sql`update submission_members set role = 'member' where submission_id = ${id} and user_id = ${userId}`);
      passedEntries.push(id);
    } else {
      await run(sql`update submissions set status = 'withdrawn', updated_at = ${at} where id = ${id} and status in ('draft', 'submitted')`);
      withdrawnEntries.push(id);
    }
  }
  // Invitations not taken up go; memberships and judge seats stay, without the address.
  await run(sql`delete from submission_members where user_id = ${userId} and status <> 'active'`);
  await run(sql`delete from submission_members where user_id is null and email = ${person.email}`);
  await run(sql`update submission_members set email = ${tombstone} where user_id = ${userId}`);
  await run(sql`update challenge_judges set email = ${tombstone} where user_id = ${userId} or email = ${person.email}`);

  for (const table of ['sessions', 'email_tokens', 'recovery_codes', 'api_tokens', 'consents', 'notifications', 'notification_preferences', 'follows']) {
    await run(sql`delete from ${sql.raw(table)} where user_id = ${userId}`);
  }
  await run(sql`delete from mail_outbox where "to" = ${person.email}`);
  // The audit log is left as it is: append-only (a trigger refuses any change), it refers to the
  // account by id, which the tombstone keeps, and is the record the law asks to be kept.

  await run(sql`update users set email = ${tombstone}, name = ${DELETED_NAME}, password_hash = '!deleted', role = 'participant', department_id = null, email_verified_at = null, locale = null,
     totp_secret = null, totp_enabled_at = null, last_digest_at = null, disabled_at = ${at}, updated_at = ${at} where id = ${userId}`);
  return { withdrawnEntries, passedEntries };
}
