//! Gender and state codes as Testpress writes them (CONTRACT.md, "Choice tables").

pub const GENDERS: [(i64, &str); 3] = [(1, "Male"), (2, "Female"), (3, "Transgender")];

pub const STATES: [&str; 37] = [
    "Others",
    "Andaman and Nicobar Islands",
    "Andhra Pradesh",
    "Arunachal Pradesh",
    "Assam",
    "Bihar",
    "Chandigarh",
    "Chhattisgarh",
    "Dadra and Nagar Haveli",
    "Daman and Diu",
    "Delhi",
    "Goa",
    "Gujarat",
    "Haryana",
    "Himachal Pradesh",
    "Jammu and Kashmir",
    "Jharkhand",
    "Karnataka",
    "Kerala",
    "Lakshadweep",
    "Madhya Pradesh",
    "Maharashtra",
    "Manipur",
    "Meghalaya",
    "Mizoram",
    "Nagaland",
    "Odisha",
    "Punjab",
    "Pondicherry",
    "Rajasthan",
    "Sikkim",
    "Tamil Nadu",
    "Tripura",
    "Uttar Pradesh",
    "Uttarakhand",
    "West Bengal",
    "Telengana",
];

pub fn gender_name(code: Option<i64>) -> &'static str {
    GENDERS.iter().find(|(c, _)| Some(*c) == code).map_or("", |(_, name)| name)
}

pub fn state_name(code: Option<i64>) -> &'static str {
    code.and_then(|c| usize::try_from(c).ok()).and_then(|i| STATES.get(i).copied()).unwrap_or("")
}
