//! The form's eleven fields: their API names, labels, input kinds, limits, hints and the
//! headings they are grouped under.

use crate::i18n::Msg;
use crate::profile::{state_display_name, STATES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FirstName,
    LastName,
    Email,
    Phone,
    Address1,
    Address2,
    City,
    State,
    Zip,
    BirthDate,
    Gender,
}

/// The headings the form's fields are grouped under, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Name,
    Contact,
    Address,
    AboutYou,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Name, Group::Contact, Group::Address, Group::AboutYou];

    pub fn legend(self) -> Msg {
        match self {
            Group::Name => Msg::GroupName,
            Group::Contact => Msg::GroupContact,
            Group::Address => Msg::GroupAddress,
            Group::AboutYou => Msg::GroupAboutYou,
        }
    }

    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| f.group() == self)
    }
}

impl Field {
    /// What the student may change. Email is shown, never edited: no official app lets a
    /// student change it (CONTRACT.md), so the form neither sends nor checks it.
    pub fn editable(self) -> bool {
        self != Field::Email
    }

    /// In the order the form shows them (and so the order errors are focused in).
    pub const ALL: [Field; 11] = [
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::Address1,
        Field::Address2,
        Field::City,
        Field::State,
        Field::Zip,
        Field::BirthDate,
        Field::Gender,
    ];

    pub fn group(self) -> Group {
        match self {
            Field::FirstName | Field::LastName => Group::Name,
            Field::Email | Field::Phone => Group::Contact,
            Field::Address1 | Field::Address2 | Field::City | Field::State | Field::Zip => Group::Address,
            Field::BirthDate | Field::Gender => Group::AboutYou,
        }
    }

    /// The API's name for the field (also the input's `id` and `name`).
    pub fn api_name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::BirthDate => "birth_date",
            Field::Gender => "gender",
            Field::Address1 => "address1",
            Field::Address2 => "address2",
            Field::City => "city",
            Field::State => "state_choices",
            Field::Zip => "zip",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.api_name() == name)
    }

    pub fn label(self) -> Msg {
        match self {
            Field::FirstName => Msg::FirstName,
            Field::LastName => Msg::LastName,
            Field::Email => Msg::Email,
            Field::Phone => Msg::Phone,
            Field::BirthDate => Msg::BirthDate,
            Field::Gender => Msg::Gender,
            Field::Address1 => Msg::Address1,
            Field::Address2 => Msg::Address2,
            Field::City => Msg::City,
            Field::State => Msg::State,
            Field::Zip => Msg::PinCode,
        }
    }

    pub fn autocomplete(self) -> &'static str {
        match self {
            Field::FirstName => "given-name",
            Field::LastName => "family-name",
            Field::Email => "email",
            Field::Phone => "tel",
            Field::BirthDate => "bday",
            Field::Gender => "sex",
            Field::Address1 => "address-line1",
            Field::Address2 => "address-line2",
            Field::City => "address-level2",
            Field::State => "address-level1",
            Field::Zip => "postal-code",
        }
    }

    /// `(input type, inputmode)`; `None` for the two selects.
    pub fn input(self) -> Option<(&'static str, Option<&'static str>)> {
        match self {
            Field::Email => Some(("email", Some("email"))),
            Field::Phone => Some(("tel", Some("tel"))),
            Field::BirthDate => Some(("date", None)),
            Field::Zip => Some(("text", Some("numeric"))),
            Field::Gender | Field::State => None,
            _ => Some(("text", None)),
        }
    }

    pub fn max_chars(self) -> usize {
        match self {
            Field::FirstName | Field::LastName => 30,
            Field::Email => 254,
            Field::City => 100,
            Field::Phone => 10,
            Field::Zip => 6,
            _ => 255,
        }
    }

    /// No `maxlength` on phone and PIN, typed with spaces and dashes at times, nor on names,
    /// which it would cut mid-word without a word: the form says the limit instead.
    pub fn limits_typing(self) -> bool {
        !matches!(self, Field::Phone | Field::Zip | Field::FirstName | Field::LastName)
    }

    /// Must not be left empty (the official apps' rule).
    pub fn required(self) -> bool {
        matches!(self, Field::FirstName | Field::Email | Field::Phone)
    }

    pub fn hint(self) -> Option<Msg> {
        match self {
            Field::FirstName | Field::LastName => Some(Msg::NameHint),
            Field::Phone => Some(Msg::PhoneHint),
            Field::Zip => Some(Msg::PinHint),
            _ => None,
        }
    }

    /// `(value, label)` for the State select's options, "Not set" excluded: alphabetically,
    /// spelled right, with "Others" last; the values stay the API's codes. (Gender's options
    /// follow the language, so the form builds those itself.)
    pub fn options(self) -> Vec<(String, String)> {
        match self {
            Field::State => {
                let mut states: Vec<(usize, &str)> = STATES.iter().copied().enumerate().skip(1).collect();
                states.sort_by_key(|(_, name)| state_display_name(name));
                states.push((0, STATES[0]));
                states
                    .into_iter()
                    .map(|(code, name)| (code.to_string(), state_display_name(name).to_string()))
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}
