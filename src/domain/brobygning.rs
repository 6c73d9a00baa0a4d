//! Brobygning: the work an active brobygger does after activation, as the
//! site knows it. Only what the annual report counts is ever held (which
//! programme, when, how long, whether briefing and debriefing took place):
//! nothing about the citizen, who lives in the counselling phone's own
//! routines, never here.

use serde::Serialize;

use super::Code;
use super::validation::Invalid;

/// Social Sundhed's three programmes (the seeds' own words): accompanying
/// people to the health system, to the social system, or into the
/// associations of civil society.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// Sundhedsbrobygning.
    Health,
    /// Socialbrobygning.
    Social,
    /// Foreningsbrobygning.
    Association,
}

impl Code for Programme {
    const ALL: &'static [Programme] =
        &[Programme::Health, Programme::Social, Programme::Association];

    fn as_str(self) -> &'static str {
        match self {
            Programme::Health => "health",
            Programme::Social => "social",
            Programme::Association => "association",
        }
    }
}

impl Programme {
    /// Reads the programme chosen on a form (a select of the codes).
    pub fn from_form(value: &str) -> Result<Programme, Invalid> {
        Programme::parse(value.trim()).ok_or(Invalid("error-programme"))
    }

    /// The translation key of the programme's name ("Sundhedsbrobygning").
    pub fn name_key(self) -> String {
        format!("programme-{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_gives_one_of_the_three_programmes_or_an_error() {
        assert_eq!(Programme::from_form(" social "), Ok(Programme::Social));
        assert_eq!(Programme::from_form("health"), Ok(Programme::Health));
        assert_eq!(
            Programme::from_form("citizen name"),
            Err(Invalid("error-programme"))
        );
    }
}
