//! The words for the domain's values, made here, where they are shown, in the language
//! shown: the profile, its choices and the photo checks know no language themselves.

use crate::crop::FileProblem;
use crate::i18n::{t, Msg};
use crate::profile::{Gender, Profile};

impl Profile {
    /// What to call this person: the display name, else their username, else "Student".
    pub fn name(&self) -> String {
        self.known_name().map_or_else(|| t(Msg::Student), str::to_string)
    }
}

impl Gender {
    /// In the student's language.
    pub fn label(self) -> String {
        t(match self {
            Gender::Male => Msg::GenderMale,
            Gender::Female => Msg::GenderFemale,
            Gender::Transgender => Msg::GenderTransgender,
        })
    }
}

impl FileProblem {
    pub fn message(self) -> Msg {
        match self {
            FileProblem::NotAnImage => Msg::FileNotImage,
            FileProblem::TooLarge => Msg::FileTooLarge,
            FileProblem::Empty => Msg::FileEmpty,
        }
    }
}
