//! The NCID-shaped sign-in (R-AUTH-1): user name, *Next*, password, *Sign in*, one-time code.

use crate::api::ApiError;
use contract::auth::{one_time_code_is_well_formed, OneTimeCodeRequest, PasswordRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    UserName,
    Password,
    OneTimeCode,
    SignedIn,
}

/// The form fields; `id` is the element id the error summary links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    UserName,
    Password,
    OneTimeCode,
}

impl Field {
    pub fn id(self) -> &'static str {
        match self {
            Self::UserName => "ncid",
            Self::Password => "password",
            Self::OneTimeCode => "one-time-code",
        }
    }

    /// The server names fields as the request bodies do.
    fn from_wire(name: &str) -> Option<Self> {
        match name {
            "ncid" => Some(Self::UserName),
            "password" => Some(Self::Password),
            "code" => Some(Self::OneTimeCode),
            _ => None,
        }
    }
}

/// One entry of the error summary; with a field it also shows inline and links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Option<Field>,
    pub message: String,
}

/// Where focus goes after the flow changed, so keyboard and screen-reader users follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusTarget {
    ErrorSummary,
    Field(Field),
}

/// A focus move; `seq` changes on every request so a repeated target moves focus again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FocusRequest {
    pub target: FocusTarget,
    pub seq: u32,
}

pub const ENTER_USER_NAME: &str = "Enter your user name";
pub const ENTER_PASSWORD: &str = "Enter your password";
pub const ENTER_CODE: &str = "Enter the 6-digit code from your authenticator app";
pub const CODE_SHAPE: &str = "Enter the one-time code as 6 digits, like 123456";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInFlow {
    step: Step,
    ncid: String,
    problems: Vec<Problem>,
    pending: bool,
    demo_code: Option<String>,
    focus: Option<FocusRequest>,
}

impl Default for SignInFlow {
    fn default() -> Self {
        Self::new()
    }
}

impl SignInFlow {
    pub fn new() -> Self {
        Self {
            step: Step::UserName,
            ncid: String::new(),
            problems: Vec::new(),
            pending: false,
            demo_code: None,
            focus: None,
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }

    /// The user name being signed in (shown on the later steps, prefilled on a return).
    pub fn ncid(&self) -> &str {
        &self.ncid
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn field_error(&self, field: Field) -> Option<&str> {
        self.problems
            .iter()
            .find(|problem| problem.field == Some(field))
            .map(|problem| problem.message.as_str())
    }

    /// A request is on its way: the submit button does nothing until it answers.
    pub fn pending(&self) -> bool {
        self.pending
    }

    pub fn demo_code(&self) -> Option<&str> {
        self.demo_code.as_deref()
    }

    pub fn focus(&self) -> Option<FocusRequest> {
        self.focus
    }

    fn move_focus(&mut self, target: FocusTarget) {
        let seq = self.focus.map_or(1, |focus| focus.seq.wrapping_add(1));
        self.focus = Some(FocusRequest { target, seq });
    }

    fn refuse(&mut self, problems: Vec<Problem>) {
        self.problems = problems;
        self.pending = false;
        self.move_focus(FocusTarget::ErrorSummary);
    }

    fn go_to(&mut self, step: Step, focus: Field) {
        self.step = step;
        self.problems.clear();
        self.pending = false;
        self.demo_code = None;
        self.move_focus(FocusTarget::Field(focus));
    }

    fn field_problem(field: Field, message: &str) -> Vec<Problem> {
        vec![Problem {
            field: Some(field),
            message: message.to_owned(),
        }]
    }

    /// *Next*: the user name is only checked for presence; the server decides the rest
    /// after the password, so nothing here tells whether the name exists (R-AUTH-3).
    pub fn submit_user_name(&mut self, input: &str) {
        let ncid = input.trim();
        if ncid.is_empty() {
            self.refuse(Self::field_problem(Field::UserName, ENTER_USER_NAME));
            return;
        }
        self.ncid = ncid.to_owned();
        self.go_to(Step::Password, Field::Password);
    }

    /// The "Change" link on the later steps.
    pub fn change_user_name(&mut self) {
        self.go_to(Step::UserName, Field::UserName);
    }

    /// *Sign in*: the request to send, or `None` with the problem shown. The password is sent
    /// as typed: passwords are case-sensitive and may begin or end with spaces (R-AUTH-2).
    pub fn submit_password(&mut self, password: &str) -> Option<PasswordRequest> {
        if self.pending || self.step != Step::Password {
            return None;
        }
        if password.is_empty() {
            self.refuse(Self::field_problem(Field::Password, ENTER_PASSWORD));
            return None;
        }
        self.pending = true;
        Some(PasswordRequest {
            ncid: self.ncid.clone(),
            password: password.to_owned(),
        })
    }

    /// The server's answer to the password: on to the one-time code, or the refusal in the
    /// server's words (R-AUTH-3 wrong credentials, R-AUTH-2 locked).
    pub fn password_answered(&mut self, answer: Result<(), ApiError>) {
        match answer {
            Ok(()) => self.go_to(Step::OneTimeCode, Field::OneTimeCode),
            Err(error) => self.refuse(problems_of(error)),
        }
    }

    /// *Verify*: spaces are dropped (authenticator apps show "123 456"); six digits are needed.
    pub fn submit_code(&mut self, input: &str) -> Option<OneTimeCodeRequest> {
        if self.pending || self.step != Step::OneTimeCode {
            return None;
        }
        let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if code.is_empty() {
            self.refuse(Self::field_problem(Field::OneTimeCode, ENTER_CODE));
            return None;
        }
        if !one_time_code_is_well_formed(&code) {
            self.refuse(Self::field_problem(Field::OneTimeCode, CODE_SHAPE));
            return None;
        }
        self.pending = true;
        Some(OneTimeCodeRequest { code })
    }

    /// R-AUTH-1: a refused code (or a lock, R-AUTH-2, or a waiting session that is gone)
    /// returns to the user-name step with the server's message.
    pub fn code_answered(&mut self, answer: Result<(), ApiError>) {
        match answer {
            Ok(()) => {
                self.step = Step::SignedIn;
                self.problems.clear();
                self.pending = false;
                self.demo_code = None;
            }
            Err(error @ (ApiError::Validation { .. } | ApiError::Network | ApiError::Server)) => {
                self.refuse(problems_of(error));
            }
            Err(error) => {
                self.step = Step::UserName;
                self.demo_code = None;
                self.refuse(problems_of(error));
            }
        }
    }

    /// Only a `--demo` server tells the code; it is shown on the code step only.
    pub fn demo_code_received(&mut self, code: String) {
        if self.step == Step::OneTimeCode {
            self.demo_code = Some(code);
        }
    }
}

/// A refusal as summary entries: field messages where the server gave them, else its sentence.
fn problems_of(error: ApiError) -> Vec<Problem> {
    if let ApiError::Validation { message, fields } = &error {
        let mut problems: Vec<Problem> = fields
            .iter()
            .map(|(name, text)| Problem {
                field: Field::from_wire(name),
                message: text.clone(),
            })
            .collect();
        if problems.is_empty() {
            problems.push(Problem {
                field: None,
                message: message.clone(),
            });
        }
        return problems;
    }
    vec![Problem {
        field: None,
        message: error.to_string(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::auth::{locked_message, INVALID_CODE_MESSAGE, INVALID_CREDENTIALS_MESSAGE};
    use contract::error::codes;

    fn at_password() -> SignInFlow {
        let mut flow = SignInFlow::new();
        flow.submit_user_name("  javery1 ");
        flow
    }

    fn at_code() -> SignInFlow {
        let mut flow = at_password();
        flow.submit_password("Demo!Passw0rd").unwrap();
        flow.password_answered(Ok(()));
        flow
    }

    #[test]
    fn an_empty_user_name_stays_on_the_first_step_with_a_field_error() {
        let mut flow = SignInFlow::new();
        flow.submit_user_name("   ");
        assert_eq!(flow.step(), Step::UserName);
        assert_eq!(flow.field_error(Field::UserName), Some(ENTER_USER_NAME));
        assert_eq!(
            flow.focus().map(|f| f.target),
            Some(FocusTarget::ErrorSummary)
        );
    }

    #[test]
    fn next_moves_to_the_password_with_the_trimmed_user_name() {
        let flow = at_password();
        assert_eq!(flow.step(), Step::Password);
        assert_eq!(flow.ncid(), "javery1");
        assert!(flow.problems().is_empty());
        assert_eq!(
            flow.focus().map(|f| f.target),
            Some(FocusTarget::Field(Field::Password))
        );
    }

    #[test]
    fn an_empty_password_is_not_sent() {
        let mut flow = at_password();
        assert_eq!(flow.submit_password(""), None);
        assert_eq!(flow.field_error(Field::Password), Some(ENTER_PASSWORD));
        assert!(!flow.pending());
    }

    #[test]
    fn the_password_is_sent_as_typed_and_only_once_at_a_time() {
        let mut flow = at_password();
        let request = flow.submit_password(" Demo!Passw0rd").unwrap();
        assert_eq!(request.ncid, "javery1");
        assert_eq!(request.password, " Demo!Passw0rd");
        assert!(flow.pending());
        assert_eq!(flow.submit_password("again"), None);
    }

    #[test]
    fn wrong_credentials_stay_on_the_password_step_in_the_servers_words() {
        let mut flow = at_password();
        flow.submit_password("wrong").unwrap();
        flow.password_answered(Err(ApiError::Unauthorized {
            code: codes::INVALID_CREDENTIALS.into(),
            message: INVALID_CREDENTIALS_MESSAGE.into(),
        }));
        assert_eq!(flow.step(), Step::Password);
        assert_eq!(flow.problems()[0].message, INVALID_CREDENTIALS_MESSAGE);
        assert!(!flow.pending());
    }

    #[test]
    fn a_lock_shows_both_help_desk_numbers() {
        let mut flow = at_password();
        flow.submit_password("wrong").unwrap();
        flow.password_answered(Err(ApiError::Locked(locked_message())));
        let message = &flow.problems()[0].message;
        assert!(message.contains("919-754-6000") && message.contains("800-722-3946"));
    }

    #[test]
    fn server_field_messages_become_field_errors() {
        let mut flow = at_password();
        flow.submit_password("x").unwrap();
        flow.password_answered(Err(ApiError::Validation {
            message: "Check the form".into(),
            fields: [("password".to_owned(), "Enter your password".to_owned())].into(),
        }));
        assert_eq!(
            flow.field_error(Field::Password),
            Some("Enter your password")
        );
    }

    #[test]
    fn codes_must_have_six_digits_and_spaces_are_ignored() {
        let mut flow = at_code();
        assert_eq!(flow.submit_code(""), None);
        assert_eq!(flow.field_error(Field::OneTimeCode), Some(ENTER_CODE));
        assert_eq!(flow.submit_code("12a456"), None);
        assert_eq!(flow.field_error(Field::OneTimeCode), Some(CODE_SHAPE));
        assert_eq!(
            flow.submit_code("123 456"),
            Some(OneTimeCodeRequest {
                code: "123456".into()
            })
        );
    }

    #[test]
    fn a_refused_code_returns_to_the_user_name_step() {
        let mut flow = at_code();
        flow.submit_code("123456").unwrap();
        flow.code_answered(Err(ApiError::Unauthorized {
            code: codes::INVALID_CODE.into(),
            message: INVALID_CODE_MESSAGE.into(),
        }));
        assert_eq!(flow.step(), Step::UserName);
        assert_eq!(flow.problems()[0].message, INVALID_CODE_MESSAGE);
        assert_eq!(flow.ncid(), "javery1", "the user name is prefilled");
    }

    #[test]
    fn a_network_failure_on_the_code_step_lets_the_user_retry() {
        let mut flow = at_code();
        flow.submit_code("123456").unwrap();
        flow.code_answered(Err(ApiError::Network));
        assert_eq!(flow.step(), Step::OneTimeCode);
        assert!(!flow.pending());
    }

    #[test]
    fn an_accepted_code_signs_in() {
        let mut flow = at_code();
        flow.submit_code("123456").unwrap();
        flow.code_answered(Ok(()));
        assert_eq!(flow.step(), Step::SignedIn);
    }

    #[test]
    fn the_demo_code_shows_on_the_code_step_only() {
        let mut flow = at_password();
        flow.demo_code_received("123456".into());
        assert_eq!(flow.demo_code(), None);
        let mut flow = at_code();
        flow.demo_code_received("123456".into());
        assert_eq!(flow.demo_code(), Some("123456"));
        flow.change_user_name();
        assert_eq!(flow.demo_code(), None);
    }

    #[test]
    fn each_focus_request_is_new() {
        let mut flow = SignInFlow::new();
        flow.submit_user_name("");
        let first = flow.focus().unwrap();
        flow.submit_user_name("");
        assert_ne!(flow.focus().unwrap().seq, first.seq);
    }
}
