//! Phone numbers and QQ numbers as contact forms write them: a mobile is 11 digits from
//! 13 to 19 (a +86 prefix and spaces allowed); a landline is 7 or 8 digits, with or
//! without an area code (0825-7812306, (0715)5330205) and an extension (转8012, -8012);
//! a QQ number is 5 to 11 digits not starting with 0. A mobile is printed as its 11
//! digits however it was grouped (133 0535 9956, 133-0535-9956): one form in every list.

use std::sync::LazyLock;

use regex::Regex;

/// `None` only if the literal pattern failed to compile, which the tests below rule out.
static LANDLINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let area = r"(?:[(（]?0\d{2,3}[)）]?[-－—]?)?";
    let extension = r"(?:(?:转|分机|-|－|#|ext\.?)\d{1,6})?";
    Regex::new(&format!(r"^{area}[2-9]\d{{6,7}}{extension}$")).ok()
});

/// The text without spaces and a leading +86.
fn compact(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .strip_prefix("+86")
        .or_else(|| t.strip_prefix("86-"))
        .unwrap_or(&t);
    t.to_string()
}

/// Whether `text` is a mobile number.
pub(super) fn is_mobile(text: &str) -> bool {
    mobile_digits(text).is_some()
}

/// The 11 digits of `text` where it is a mobile number, its groups joined and a +86
/// dropped: `133 0535 9956` is `13305359956`.
pub(super) fn mobile_digits(text: &str) -> Option<String> {
    let t = compact(text).replace(['-', '－'], "");
    let mobile = t.len() == 11
        && t.bytes().all(|b| b.is_ascii_digit())
        && t.starts_with('1')
        && (b'3'..=b'9').contains(&t.as_bytes()[1]);
    mobile.then_some(t)
}

/// Whether `text` is a landline number.
pub(super) fn is_landline(text: &str) -> bool {
    LANDLINE
        .as_ref()
        .is_some_and(|r| r.is_match(&compact(text)))
}

/// Whether `text` is a QQ number.
pub(super) fn is_qq(text: &str) -> bool {
    let t = compact(text);
    (5..=11).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) && !t.starts_with('0')
}

/// Whether a number that fails both checks was meant as a mobile: it starts with 1 and
/// has about as many digits as one.
pub(super) fn looks_mobile(text: &str) -> bool {
    let t = compact(text);
    let digits = t.chars().filter(char::is_ascii_digit).count();
    t.starts_with('1') && (9..=13).contains(&digits)
}

/// The numbers of a 联系方式 cell: `13800000000/0715-5330205`, `5330205、13912345678`.
pub(super) fn split(text: &str) -> Vec<&str> {
    text.split(['、', ',', '，', ';', '；', '/', '／', '或'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_have_eleven_digits_from_13_to_19() {
        for ok in [
            "13812345678",
            "198 1234 5678",
            "+8613812345678",
            "138-1234-5678",
        ] {
            assert!(is_mobile(ok), "{ok}");
        }
        for bad in [
            "1381234567",
            "12812345678",
            "138123456789",
            "1381234567a",
            "",
        ] {
            assert!(!is_mobile(bad), "{bad}");
        }
        assert!(looks_mobile("1381234567") && !looks_mobile("0825-7812306"));
    }

    #[test]
    fn a_mobile_grouped_with_spaces_or_hyphens_is_its_eleven_digits() {
        for grouped in [
            "133 0535 9956",
            "133-0535-9956",
            "133\u{3000}0535\u{3000}9956",
            "+86 133 0535 9956",
            "13305359956",
        ] {
            assert_eq!(mobile_digits(grouped).as_deref(), Some("13305359956"));
        }
        assert_eq!(mobile_digits("133 0535 995"), None);
        assert_eq!(mobile_digits("0715-5330205"), None);
    }

    #[test]
    fn landlines_may_have_an_area_code_and_an_extension() {
        for ok in [
            "5330205",
            "0825-7812306",
            "08257812306",
            "(0715)5330205",
            "（0715）53302051",
            "0825-7812306转8012",
            "0825-7812306-8012",
            "7812306分机12",
        ] {
            assert!(is_landline(ok), "{ok}");
        }
        for bad in [
            "533020",
            "1381234567",
            "0825-781230",
            "电话",
            "0825-7812306转",
        ] {
            assert!(!is_landline(bad), "{bad}");
        }
    }

    #[test]
    fn qq_numbers_have_five_to_eleven_digits() {
        assert!(is_qq("12345") && is_qq("3456789012"));
        assert!(!is_qq("1234") && !is_qq("012345") && !is_qq("12a45"));
        assert_eq!(
            split("13800000000/0715-5330205、"),
            ["13800000000", "0715-5330205"]
        );
    }
}
