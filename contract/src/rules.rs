//! Every rule id of `shared/design/RULES.md` as a type: code cites `Rule::Boa2`, so a misspelt id
//! does not compile, and the wire and the audit log carry its printed form ("R-BOA-2").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! rules {
    ($($variant:ident => $id:literal,)+) => {
        /// A domain rule, named as RULES.md names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(#[doc = $id] $variant,)+
        }

        impl Rule {
            /// Every rule, in the order RULES.md lists them.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)+];

            /// The id as RULES.md writes it.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)+
                }
            }
        }
    };
}

rules! {
    Auth1 => "R-AUTH-1",
    Auth2 => "R-AUTH-2",
    Auth3 => "R-AUTH-3",
    Auth4 => "R-AUTH-4",
    Auth5 => "R-AUTH-5",
    Acct1 => "R-ACCT-1",
    Acct2 => "R-ACCT-2",
    Acct3 => "R-ACCT-3",
    Acct4 => "R-ACCT-4",
    Boa1 => "R-BOA-1",
    Boa2 => "R-BOA-2",
    Boa3 => "R-BOA-3",
    Boa4 => "R-BOA-4",
    Boa5 => "R-BOA-5",
    Boa6 => "R-BOA-6",
    Boa7 => "R-BOA-7",
    Boa8 => "R-BOA-8",
    Boa9 => "R-BOA-9",
    Boa10 => "R-BOA-10",
    Oa1 => "R-OA-1",
    Oa2 => "R-OA-2",
    Oa3 => "R-OA-3",
    Oa4 => "R-OA-4",
    Oa5 => "R-OA-5",
    Oa6 => "R-OA-6",
    Oa7 => "R-OA-7",
    User1 => "R-USER-1",
    User2 => "R-USER-2",
    User3 => "R-USER-3",
    User4 => "R-USER-4",
    User5 => "R-USER-5",
    Many1 => "R-MANY-1",
    Many2 => "R-MANY-2",
    Many3 => "R-MANY-3",
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A rule id that RULES.md does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a rule id of RULES.md", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .iter()
            .copied()
            .find(|rule| rule.id() == id)
            .ok_or_else(|| UnknownRule(id.to_owned()))
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

/// On the wire a rule is its id ("R-BOA-2"), one of RULES.md's.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Rule {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(Rule::ALL.iter().map(|rule| rule.id())))
            .description(Some("A rule id of RULES.md."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Rule {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_round_trips_through_its_id() {
        for &rule in Rule::ALL {
            let id = rule.id();
            assert!(id.starts_with("R-"), "{id}");
            assert_eq!(id.parse::<Rule>(), Ok(rule));
            assert_eq!(rule.to_string(), id);
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{id}\""));
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), rule);
        }
    }

    #[test]
    fn ids_are_distinct() {
        let ids: std::collections::BTreeSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    #[test]
    fn an_unknown_id_is_refused() {
        assert_eq!(
            "R-BOA-99".parse::<Rule>(),
            Err(UnknownRule("R-BOA-99".into()))
        );
        assert!(serde_json::from_str::<Rule>("\"R-X-1\"").is_err());
    }
}
