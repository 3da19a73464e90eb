//! The acronyms a new board member meets, in plain English.

use serde::Serialize;

/// One glossary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The acronym or term, as written.
    pub term: &'static str,
    /// What it stands for.
    pub expansion: &'static str,
    /// What it means, in a sentence or two.
    pub meaning: &'static str,
}

/// Every term, alphabetical.
pub const TERMS: &[Term] = &[
    Term { term: "Advisory partnership", expansion: "A partnership that advises", meaning: "One of the four types of local strategic partnership in the government's evaluation of LSPs (OPM): a forum with no power of its own, which draws its legitimacy from its members. It can agree priorities, but it cannot act or spend money itself." },
    Term { term: "CA", expansion: "Combined authority", meaning: "A legal body set up by two or more councils to take decisions together across their areas, often with powers and money devolved from government and sometimes an elected mayor." },
    Term { term: "CAA", expansion: "Comprehensive Area Assessment", meaning: "The joint inspection of how well local public services worked together in an area (2009–2010), run by the Audit Commission and other inspectorates." },
    Term { term: "Commissioning partnership", expansion: "A partnership that buys services", meaning: "One of OPM's four types of LSP: a partnership with its own staff and budget that commissions services itself. Because it spends money in its own right, it must create its own accountability." },
    Term { term: "Community empowerment partnership", expansion: "A partnership that builds community networks", meaning: "One of OPM's four types of LSP: its main work is building networks in the community and giving residents a voice in decisions." },
    Term { term: "Coterminous", expansion: "Sharing the same boundary", meaning: "Two bodies are coterminous when they serve exactly the same area and people. Where they are not, someone has to work across the line." },
    Term { term: "CSP", expansion: "Community safety partnership", meaning: "The statutory partnership of council, police, fire, health and probation that must tackle crime, disorder and reoffending in an area (Crime and Disorder Act 1998)." },
    Term { term: "DWP", expansion: "Department for Work and Pensions", meaning: "The government department responsible for benefits and employment support; Jobcentre Plus is part of it." },
    Term { term: "FRA", expansion: "Fire and rescue authority", meaning: "The body responsible for the fire and rescue service in an area." },
    Term { term: "GSS code", expansion: "Government Statistical Service code", meaning: "The nine-character code ONS gives each area, such as E07000089 for Hart. Codes change when boundaries change." },
    Term { term: "HWB", expansion: "Health and wellbeing board", meaning: "The statutory board of an upper-tier council where the council and NHS plan together to improve health and reduce inequalities." },
    Term { term: "ICB", expansion: "Integrated care board", meaning: "The NHS body that plans and pays for most health services for its area's population (since July 2022, replacing clinical commissioning groups)." },
    Term { term: "JCP", expansion: "Jobcentre Plus", meaning: "The part of DWP that runs jobcentres: benefits and help to find work." },
    Term { term: "LAA", expansion: "Local Area Agreement", meaning: "A three-year agreement between central government and an area's partners on priority targets (2008–2011), drawn from the National Indicator set." },
    Term { term: "Laboratory partnership", expansion: "A partnership that tries new ways of working", meaning: "One of OPM's four types of LSP: it tests new ways of working that its members can then adopt." },
    Term { term: "LAD", expansion: "Local authority district", meaning: "The lower tier of local government geography: district, unitary, metropolitan and London borough councils." },
    Term { term: "LEP", expansion: "Local enterprise partnership", meaning: "A business-led partnership with councils to drive local economic growth; their functions passed to councils and combined authorities from 2024." },
    Term { term: "LSIP", expansion: "Local skills improvement plan", meaning: "A plan, led by an employer body, that sets out the skills local employers need; England is divided into LSIP areas." },
    Term { term: "LSOA", expansion: "Lower layer super output area", meaning: "A small statistical area of about 1,500 residents; the building block for splitting districts between health areas." },
    Term { term: "LSP", expansion: "Local strategic partnership", meaning: "The overarching partnership of public, private, voluntary and community bodies that agrees an area's shared priorities and its sustainable community strategy." },
    Term { term: "MAA", expansion: "Multi-Area Agreement", meaning: "An agreement between several neighbouring councils and government to work together on economic issues that cross their boundaries." },
    Term { term: "MoJ", expansion: "Ministry of Justice", meaning: "The government department responsible for courts, prisons and probation." },
    Term { term: "NRF", expansion: "Neighbourhood Renewal Fund", meaning: "Government funding (2001–2008) for the most deprived areas, conditional on having a local strategic partnership." },
    Term { term: "ONS", expansion: "Office for National Statistics", meaning: "The UK's statistics body; it publishes the boundaries, lookups and population figures this map uses." },
    Term { term: "PCC", expansion: "Police and crime commissioner", meaning: "The elected person who holds the chief constable to account, sets the police budget and writes the police and crime plan." },
    Term { term: "PFA", expansion: "Police force area", meaning: "The area one police force serves; in England there are 39." },
    Term { term: "Pooled budget", expansion: "Money partners put into one fund", meaning: "A fund that several partners pay into so they can commission services together; one of them holds it (the host). Accountability for what it buys stays with the partners and cannot be delegated." },
    Term { term: "s75", expansion: "Section 75 agreement (NHS Act 2006)", meaning: "A legal agreement under section 75 of the National Health Service Act 2006 that lets NHS bodies and councils pool budgets, or lets one commission or provide services for the other. The Better Care Fund is run through one." },
    Term { term: "SCS", expansion: "Sustainable community strategy", meaning: "The long-term vision for an area agreed by its local strategic partnership, which the LAA delivered." },
    Term { term: "Statutory partner", expansion: "A partner by law", meaning: "A body that the law requires to take part in a partnership, such as the police in a community safety partnership." },
    Term { term: "Terms of reference", expansion: "A partnership's written rules", meaning: "The document that says what a partnership or board is for, who sits on it, how it decides and whom it reports to. Without one, nobody can say what it may decide or who answers for it." },
    Term { term: "Unitary", expansion: "Unitary authority", meaning: "A single-tier council that does the work of both a county and a district council." },
    Term { term: "VCS", expansion: "Voluntary and community sector", meaning: "Charities, community groups, social enterprises and faith groups." },
];

/// Looks a term up, ignoring case.
///
/// ```
/// assert_eq!(pmap_core::glossary::lookup("icb").unwrap().expansion, "Integrated care board");
/// ```
pub fn lookup(term: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.term.eq_ignore_ascii_case(term))
}

/// Splits `text` into plain runs and glossary terms, so a view can link each term to its
/// definition. Only whole words that are acronyms in [`TERMS`] (all capitals) match.
///
/// ```
/// use pmap_core::glossary::{segments, Segment};
/// let s = segments("The ICB sits on the LSP.");
/// assert_eq!(s[1], Segment::Term("ICB"));
/// assert_eq!(s[3], Segment::Term("LSP"));
/// ```
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let is_word = |b: u8| b.is_ascii_alphanumeric();
        if is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1])) {
            let mut j = i;
            while j < bytes.len() && is_word(bytes[j]) {
                j += 1;
            }
            let word = &text[i..j];
            if word.len() >= 2
                && word.bytes().all(|b| b.is_ascii_uppercase())
                && TERMS.iter().any(|t| t.term == word)
            {
                if plain_start < i {
                    out.push(Segment::Plain(&text[plain_start..i]));
                }
                out.push(Segment::Term(word));
                plain_start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if plain_start < text.len() {
        out.push(Segment::Plain(&text[plain_start..]));
    }
    out
}

/// A run of text: plain, or a glossary term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Ordinary text.
    Plain(&'a str),
    /// An acronym with a glossary entry.
    Term(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_alphabetical_and_unique() {
        let keys: Vec<String> = TERMS.iter().map(|t| t.term.to_lowercase()).collect();
        let mut sorted = keys.clone();
        crate::order::sort(&mut sorted);
        sorted.dedup();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn governance_terms_are_defined() {
        for t in [
            "s75",
            "Pooled budget",
            "Terms of reference",
            "Advisory partnership",
            "Commissioning partnership",
            "Laboratory partnership",
            "Community empowerment partnership",
        ] {
            assert!(lookup(t).is_some(), "{t} has no glossary entry");
        }
        // Each partnership type's label is its glossary term, so a view can link it.
        for p in crate::model::PartnershipType::KNOWN {
            assert!(lookup(p.label()).is_some(), "{}", p.label());
        }
    }
}
