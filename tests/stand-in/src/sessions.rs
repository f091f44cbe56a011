//! Server-side sessions: one row per sign-in. A token names its row in a private claim
//! (`sid`); ending the row ends the token, whatever its `exp` says.

use crate::time::iso_from_us;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_us INTEGER NOT NULL,
    last_used_us INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    user_agent TEXT NOT NULL,
    ip_address TEXT NOT NULL,
    location TEXT NOT NULL,
    ended_us INTEGER,
    ended_by TEXT
);
";

/// Where and when a session was opened. AUTOINCREMENT: an ended id is never handed out again,
/// so an old token cannot come back to life on a new row.
pub struct NewSession<'a> {
    pub user_id: i64,
    pub created_us: i64,
    pub last_used_us: i64,
    pub expires_at: i64,
    pub user_agent: &'a str,
    pub ip_address: &'a str,
    pub location: &'a str,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: i64,
    pub user_id: i64,
    pub created_us: i64,
    pub last_used_us: i64,
    pub expires_at: i64,
    pub user_agent: String,
    pub ip_address: String,
    pub location: String,
    pub ended_us: Option<i64>,
    pub ended_by: Option<String>,
}

const COLUMNS: &str =
    "id, user_id, created_us, last_used_us, expires_at, user_agent, ip_address, location, ended_us, ended_by";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        user_id: r.get(1)?,
        created_us: r.get(2)?,
        last_used_us: r.get(3)?,
        expires_at: r.get(4)?,
        user_agent: r.get(5)?,
        ip_address: r.get(6)?,
        location: r.get(7)?,
        ended_us: r.get(8)?,
        ended_by: r.get(9)?,
    })
}

impl Session {
    /// One entry of `GET /me/login_activity/`.
    pub fn activity_json(&self, current: bool) -> Value {
        json!({
            "id": self.id,
            "user_agent": self.user_agent,
            "ip_address": self.ip_address,
            "last_used": iso_from_us(self.last_used_us),
            "location": self.location,
            "current_device": current,
        })
    }

    /// Everything, for `GET /__test__/sessions`.
    pub fn test_json(&self, now: i64) -> Value {
        json!({
            "id": self.id,
            "user_id": self.user_id,
            "user_agent": self.user_agent,
            "ip_address": self.ip_address,
            "location": self.location,
            "created": iso_from_us(self.created_us),
            "last_used": iso_from_us(self.last_used_us),
            "expires_at": self.expires_at,
            "live": self.ended_us.is_none() && self.expires_at > now,
            "ended": self.ended_us.map(iso_from_us),
            "ended_by": self.ended_by,
        })
    }
}

pub fn insert(conn: &Connection, s: &NewSession) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO sessions (user_id, created_us, last_used_us, expires_at, user_agent, ip_address, location)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![s.user_id, s.created_us, s.last_used_us, s.expires_at, s.user_agent, s.ip_address, s.location],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Session>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"), params![id], row).optional()
}

pub fn touch(conn: &Connection, id: i64, now_us: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE sessions SET last_used_us = ?2 WHERE id = ?1", params![id, now_us])?;
    Ok(())
}

/// A user's live sessions (not ended, token not expired), most recently used first.
pub fn live_for_user(conn: &Connection, user_id: i64, now: i64) -> rusqlite::Result<Vec<Session>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM sessions WHERE user_id = ?1 AND ended_us IS NULL AND expires_at > ?2
         ORDER BY last_used_us DESC, id DESC"
    ))?;
    let sessions = stmt.query_map(params![user_id, now], row)?.collect();
    sessions
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Session>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM sessions ORDER BY id"))?;
    let sessions = stmt.query_map([], row)?.collect();
    sessions
}

/// How many of the user's live sessions signed in before this one (by sign-in time, then id).
/// The parallel-login rule: a session is restricted when this reaches the limit, so the
/// first N sign-ins keep working and every later one is refused until others end.
pub fn older_live_sessions(conn: &Connection, session: &Session, now: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM sessions WHERE user_id = ?1 AND ended_us IS NULL AND expires_at > ?2
           AND (created_us < ?3 OR (created_us = ?3 AND id < ?4))",
        params![session.user_id, now, session.created_us, session.id],
        |r| r.get(0),
    )
}

pub fn end(conn: &Connection, id: i64, now_us: i64, by: &str) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE sessions SET ended_us = ?2, ended_by = ?3 WHERE id = ?1 AND ended_us IS NULL",
        params![id, now_us, by],
    )?;
    Ok(changed > 0)
}

/// Ends every session of the user but `keep`; returns how many were still open.
pub fn end_others(conn: &Connection, user_id: i64, keep: i64, now_us: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE sessions SET ended_us = ?3, ended_by = 'logout_devices'
         WHERE user_id = ?1 AND id != ?2 AND ended_us IS NULL",
        params![user_id, keep, now_us],
    )
}
