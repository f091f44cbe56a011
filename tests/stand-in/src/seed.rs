//! Demo users. User 17 reproduces the published `/me/` example field for field.

use crate::db::{self, DEMO_PASSWORD};
use crate::photo;
use crate::user::User;
use crate::validate::{Crop, PhotoUpload};
use rusqlite::Connection;

const DIVYA_BATCHES: [&str; 11] = [
    "EEE",
    "ECE",
    "Unique UPSC Batch",
    "POZITIVE ONLINE TEST SERIES",
    "OHC 2.23",
    "st std A",
    "IBPS Morning Batch",
    "UPSC Morning  Batch",
    "NEET Morning Batch",
    "IBPS Online Batch",
    "UPSC Evening Batch",
];

fn with_photo(conn: &Connection, user: &mut User, colours: ([u8; 3], [u8; 3])) -> rusqlite::Result<()> {
    // The documented example's crop: a 539×540 rectangle 37 px from the left.
    let upload = PhotoUpload {
        bytes: photo::demo_portrait(600, 540, colours.0, colours.1),
        crop: Some(Crop { x: 37, y: 0, width: 539, height: 540 }),
    };
    let processed = photo::process(&upload).expect("the demo portrait is a valid image");
    user.photos = photo::store(conn, &processed)?;
    Ok(())
}

pub fn seed(conn: &Connection) -> rusqlite::Result<()> {
    if db::user_count(conn)? > 0 {
        return Ok(());
    }
    let mut divya = User {
        id: 17,
        username: "testpress".into(),
        first_name: "Divya".into(),
        email: "testpress.in@gmail.com".into(),
        phone: "9043570576".into(),
        gender: Some(2),
        birth_date: Some("1994-08-27".into()),
        address1: "Chennai".into(),
        address2: "Chennai".into(),
        city: "Chennai".into(),
        zip: "600069".into(),
        state_choices: Some(31),
        batches: DIVYA_BATCHES.iter().map(|s| s.to_string()).collect(),
        ..User::default()
    };
    with_photo(conn, &mut divya, ([24, 74, 128], [214, 120, 60]))?;
    let vinoth = User {
        id: 18,
        username: "Vinoth".into(),
        first_name: "Vinoth".into(),
        last_name: "Kumar".into(),
        email: "vinoth.kumar@example.com".into(),
        phone: "9876543210".into(),
        gender: Some(1),
        city: "Bengaluru".into(),
        zip: "560001".into(),
        state_choices: Some(17),
        batches: vec!["IBPS Morning Batch".into()],
        ..User::default()
    };
    let mut priya = User {
        id: 19,
        username: "priya".into(),
        first_name: "Priya".into(),
        last_name: "Raman".into(),
        email: "priya.raman@example.com".into(),
        phone: "9447012345".into(),
        gender: Some(2),
        birth_date: Some("2001-02-14".into()),
        address1: "12 Beach Road".into(),
        city: "Kochi".into(),
        zip: "682001".into(),
        state_choices: Some(18),
        batches: vec!["NEET Morning Batch".into(), "st std A".into()],
        ..User::default()
    };
    with_photo(conn, &mut priya, ([40, 110, 70], [230, 200, 90]))?;
    // A sparse profile: first name only, nothing optional filled in.
    let arjun = User {
        id: 20,
        username: "arjun".into(),
        first_name: "Arjun".into(),
        email: "arjun@example.com".into(),
        phone: "9000000001".into(),
        ..User::default()
    };
    let mut meera = User {
        id: 21,
        username: "meera".into(),
        first_name: "Meera".into(),
        last_name: "Krishnan".into(),
        email: "meera.k@example.com".into(),
        phone: "9123456780".into(),
        gender: Some(3),
        birth_date: Some("1999-11-30".into()),
        city: "Puducherry".into(),
        zip: "605001".into(),
        state_choices: Some(28),
        batches: vec!["UPSC Evening Batch".into()],
        ..User::default()
    };
    with_photo(conn, &mut meera, ([90, 40, 120], [240, 150, 170]))?;
    for user in [&divya, &vinoth, &priya, &arjun, &meera] {
        db::insert_user(conn, user, DEMO_PASSWORD)?;
    }
    Ok(())
}
