//! SQLite storage: users (src/user.rs), their batches, generated media, and the token secret.

use crate::user::{PhotoSet, User};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

pub const DEMO_PASSWORD: &str = "demo1234";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_salt TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    gender INTEGER,
    birth_date TEXT,
    address1 TEXT NOT NULL DEFAULT '',
    address2 TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    zip TEXT NOT NULL DEFAULT '',
    state_choices INTEGER,
    photo TEXT NOT NULL DEFAULT '',
    large_image TEXT NOT NULL DEFAULT '',
    medium_image TEXT NOT NULL DEFAULT '',
    small_image TEXT NOT NULL DEFAULT '',
    x_small_image TEXT NOT NULL DEFAULT '',
    mini_image TEXT NOT NULL DEFAULT '',
    x_offset INTEGER, y_offset INTEGER, crop_width INTEGER, crop_height INTEGER
);
CREATE TABLE IF NOT EXISTS batches (
    user_id INTEGER NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (user_id, position)
);
CREATE TABLE IF NOT EXISTS media (
    name TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value BLOB NOT NULL);
";

pub fn open(path: &str) -> rusqlite::Result<Connection> {
    let conn = if path == ":memory:" { Connection::open_in_memory()? } else { Connection::open(path)? };
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(crate::sessions::SCHEMA)?;
    Ok(conn)
}

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).expect("the OS random source works");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_password(salt: &str, password: &str) -> String {
    let digest = Sha256::digest(format!("{salt}:{password}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The HMAC key for tokens; kept in the database so a restart keeps everyone signed in.
pub fn token_secret(conn: &Connection) -> rusqlite::Result<Vec<u8>> {
    let existing: Option<Vec<u8>> =
        conn.query_row("SELECT value FROM settings WHERE key = 'jwt_secret'", [], |r| r.get(0)).optional()?;
    if let Some(secret) = existing {
        return Ok(secret);
    }
    let secret = random_hex(32).into_bytes();
    conn.execute("INSERT INTO settings (key, value) VALUES ('jwt_secret', ?1)", params![secret])?;
    Ok(secret)
}

pub fn user_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
}

pub fn insert_user(conn: &Connection, user: &User, password: &str) -> rusqlite::Result<()> {
    let salt = random_hex(8);
    conn.execute(
        "INSERT INTO users (id, username, password_salt, password_hash) VALUES (?1, ?2, ?3, ?4)",
        params![user.id, user.username, salt, hash_password(&salt, password)],
    )?;
    save_profile(conn, user)?;
    for (position, name) in user.batches.iter().enumerate() {
        conn.execute(
            "INSERT INTO batches (user_id, position, name) VALUES (?1, ?2, ?3)",
            params![user.id, position as i64, name],
        )?;
    }
    Ok(())
}

/// Returns the user id when the password matches.
pub fn check_password(conn: &Connection, username: &str, password: &str) -> rusqlite::Result<Option<i64>> {
    let row: Option<(i64, String, String)> = conn
        .query_row("SELECT id, password_salt, password_hash FROM users WHERE username = ?1", params![username], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(row.and_then(|(id, salt, hash)| (hash_password(&salt, password) == hash).then_some(id)))
}

/// The user registered with this email address (compared without regard to case).
pub fn user_id_by_email(conn: &Connection, email: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT id FROM users WHERE email = ?1 COLLATE NOCASE ORDER BY id", params![email], |r| r.get(0))
        .optional()
}

pub fn get_user(conn: &Connection, id: i64) -> rusqlite::Result<Option<User>> {
    let user = conn
        .query_row(
            "SELECT id, username, first_name, last_name, email, phone, gender, birth_date, address1, address2,
                    city, zip, state_choices, photo, large_image, medium_image, small_image, x_small_image,
                    mini_image, x_offset, y_offset, crop_width, crop_height
             FROM users WHERE id = ?1",
            params![id],
            |r| {
                let crop: [Option<u32>; 4] = [r.get(19)?, r.get(20)?, r.get(21)?, r.get(22)?];
                Ok(User {
                    id: r.get(0)?,
                    username: r.get(1)?,
                    first_name: r.get(2)?,
                    last_name: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                    gender: r.get(6)?,
                    birth_date: r.get(7)?,
                    address1: r.get(8)?,
                    address2: r.get(9)?,
                    city: r.get(10)?,
                    zip: r.get(11)?,
                    state_choices: r.get(12)?,
                    photos: PhotoSet {
                        photo: r.get(13)?,
                        large: r.get(14)?,
                        medium: r.get(15)?,
                        small: r.get(16)?,
                        x_small: r.get(17)?,
                        mini: r.get(18)?,
                        crop: match crop {
                            [Some(x), Some(y), Some(w), Some(h)] => Some([x, y, w, h]),
                            _ => None,
                        },
                    },
                    batches: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut user) = user else { return Ok(None) };
    let mut stmt = conn.prepare("SELECT name FROM batches WHERE user_id = ?1 ORDER BY position")?;
    user.batches = stmt.query_map(params![id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(Some(user))
}

/// Writes every profile column of `user` (the row must exist).
pub fn save_profile(conn: &Connection, user: &User) -> rusqlite::Result<()> {
    let p = &user.photos;
    let crop = p.crop.map_or([None; 4], |c| c.map(Some));
    conn.execute(
        "UPDATE users SET first_name = ?2, last_name = ?3, email = ?4, phone = ?5, gender = ?6, birth_date = ?7,
             address1 = ?8, address2 = ?9, city = ?10, zip = ?11, state_choices = ?12, photo = ?13,
             large_image = ?14, medium_image = ?15, small_image = ?16, x_small_image = ?17, mini_image = ?18,
             x_offset = ?19, y_offset = ?20, crop_width = ?21, crop_height = ?22
         WHERE id = ?1",
        params![
            user.id,
            user.first_name,
            user.last_name,
            user.email,
            user.phone,
            user.gender,
            user.birth_date,
            user.address1,
            user.address2,
            user.city,
            user.zip,
            user.state_choices,
            p.photo,
            p.large,
            p.medium,
            p.small,
            p.x_small,
            p.mini,
            crop[0],
            crop[1],
            crop[2],
            crop[3]
        ],
    )?;
    Ok(())
}

pub fn put_media(conn: &Connection, name: &str, content_type: &str, bytes: &[u8]) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO media (name, content_type, bytes) VALUES (?1, ?2, ?3)",
        params![name, content_type, bytes],
    )?;
    Ok(())
}

pub fn get_media(conn: &Connection, name: &str) -> rusqlite::Result<Option<(String, Vec<u8>)>> {
    conn.query_row("SELECT content_type, bytes FROM media WHERE name = ?1", params![name], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()
}

pub fn delete_media(conn: &Connection, names: &[&str]) -> rusqlite::Result<()> {
    for name in names.iter().filter(|n| !n.is_empty()) {
        conn.execute("DELETE FROM media WHERE name = ?1", params![name])?;
    }
    Ok(())
}
