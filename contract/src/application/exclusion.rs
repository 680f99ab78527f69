//! The exclusion and sanction questions every application answers (R-OA-3), and the
//! explanation document a Yes needs.

use super::{AttachmentId, FieldError};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// R-OA-3: the largest explanation document the server accepts, in bytes.
pub const MAX_ATTACHMENT_BYTES: usize = 2 * 1024 * 1024;

/// R-OA-3: the explanation documents one user may upload in a day. An application names one,
/// so a day's honest retries fit many times over; 40 uploads of 2 MiB in a second were
/// accepted before there was a quota.
pub const MAX_UPLOADS_PER_DAY: i64 = 20;

/// The exclusion/sanction questions (R-OA-3), each about the new OA, the provider and every
/// managing employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExclusionQuestion {
    Excluded,
    Sanctioned,
    Convicted,
}

impl ExclusionQuestion {
    pub const ALL: [ExclusionQuestion; 3] = [Self::Excluded, Self::Sanctioned, Self::Convicted];

    /// The form field the answer is reported under.
    pub fn field(self) -> &'static str {
        match self {
            Self::Excluded => "exclusion.excluded",
            Self::Sanctioned => "exclusion.sanctioned",
            Self::Convicted => "exclusion.convicted",
        }
    }

    /// What the question's error says when it is not answered: that question's own words,
    /// and how to answer it.
    pub fn unanswered(self) -> &'static str {
        match self {
            Self::Excluded => {
                "Select yes if anyone has ever been excluded from Medicare, Medicaid or another \
                 federal health care program, or no if not"
            }
            Self::Sanctioned => {
                "Select yes if anyone has ever had a license, certification or registration \
                 sanctioned, or no if not"
            }
            Self::Convicted => {
                "Select yes if anyone has ever been convicted of a criminal offense related to \
                 health care, or no if not"
            }
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Self::Excluded => {
                "Has the new OA, the provider or any managing employee ever been excluded from \
                 Medicare, Medicaid or any other federal health care program?"
            }
            Self::Sanctioned => {
                "Has any of them ever had a license, certification or registration suspended, \
                 revoked or otherwise sanctioned?"
            }
            Self::Convicted => {
                "Has any of them ever been convicted of a criminal offense related to health care?"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExclusionAnswers {
    pub excluded: Option<bool>,
    pub sanctioned: Option<bool>,
    pub convicted: Option<bool>,
    /// R-OA-3: the explanation document, required when any answer is Yes.
    pub explanation: Option<AttachmentId>,
}

impl ExclusionAnswers {
    /// No to every question, which needs no explanation: what the tests' applications answer.
    #[cfg(any(test, feature = "examples"))]
    pub fn no_to_every_question() -> Self {
        Self {
            excluded: Some(false),
            sanctioned: Some(false),
            convicted: Some(false),
            explanation: None,
        }
    }

    pub fn answer(&self, question: ExclusionQuestion) -> Option<bool> {
        match question {
            ExclusionQuestion::Excluded => self.excluded,
            ExclusionQuestion::Sanctioned => self.sanctioned,
            ExclusionQuestion::Convicted => self.convicted,
        }
    }

    pub fn any_yes(&self) -> bool {
        ExclusionQuestion::ALL
            .iter()
            .any(|question| self.answer(*question) == Some(true))
    }
}

/// R-OA-3
pub(crate) fn check_exclusion(answers: &ExclusionAnswers, errors: &mut Vec<FieldError>) {
    for question in ExclusionQuestion::ALL {
        if answers.answer(question).is_none() {
            errors.push(FieldError::new(
                question.field(),
                question.unanswered(),
                Some(Rule::Oa3),
            ));
        }
    }
    if answers.any_yes() && answers.explanation.is_none() {
        errors.push(FieldError::new(
            "exclusion.explanation",
            "Upload a signed and dated explanation of every Yes answer",
            Some(Rule::Oa3),
        ));
    }
}

/// The kinds of explanation document accepted (R-OA-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Pdf,
    Png,
    Jpeg,
}

impl AttachmentKind {
    /// What the content is, from its first bytes, whatever name or type the upload claims.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Pdf, Self::Png, Self::Jpeg]
            .into_iter()
            .find(|kind| kind.media_type() == text)
    }
}

/// `POST /api/oa-change/attachments` answers this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentInfo {
    pub id: AttachmentId,
    pub kind: AttachmentKind,
    pub size: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{refused_fields, RefusedFields};

    fn check(answers: &ExclusionAnswers) -> RefusedFields {
        let mut errors = Vec::new();
        check_exclusion(answers, &mut errors);
        refused_fields(&errors)
    }

    #[test]
    fn every_question_is_answered_and_a_yes_needs_an_explanation() {
        assert_eq!(
            check(&ExclusionAnswers::default()),
            [
                ("exclusion.excluded", Some(Rule::Oa3)),
                ("exclusion.sanctioned", Some(Rule::Oa3)),
                ("exclusion.convicted", Some(Rule::Oa3)),
            ]
        );
        let mut answers = ExclusionAnswers {
            excluded: Some(false),
            sanctioned: Some(true),
            convicted: Some(false),
            explanation: None,
        };
        assert_eq!(
            check(&answers),
            [("exclusion.explanation", Some(Rule::Oa3))]
        );
        answers.explanation = Some(7);
        assert!(check(&answers).is_empty());
    }

    #[test]
    fn attachments_are_recognised_by_their_content() {
        assert_eq!(
            AttachmentKind::sniff(b"%PDF-1.7\n"),
            Some(AttachmentKind::Pdf)
        );
        assert_eq!(
            AttachmentKind::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Some(AttachmentKind::Png)
        );
        assert_eq!(
            AttachmentKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(AttachmentKind::Jpeg)
        );
        assert_eq!(AttachmentKind::sniff(b"GIF89a"), None);
        assert_eq!(AttachmentKind::sniff(b"%PD"), None);
        for kind in [
            AttachmentKind::Pdf,
            AttachmentKind::Png,
            AttachmentKind::Jpeg,
        ] {
            assert_eq!(AttachmentKind::parse(kind.media_type()), Some(kind));
        }
    }
}
