//! Builds the demo map (`demo/hampshire.json`) from the ONS lookups in `../shared/data/ons`.
//!
//! Every area code, name, population and share, and every police, fire, ICB, CSP, county
//! and skills-area coverage, comes from the ONS files. The partnership structure (the LSP,
//! its board and groups, and their partnership types), the responsibilities' owners, the
//! agreements, the people, the budgets and the probation and Jobcentre Plus footprints are
//! illustrative and marked `"illustrative": true`.
//!
//! Usage: `pmap-demo [OUTPUT]` (default `demo/hampshire.json`).

use pmap_cli::{ons_dir, read_ons};
use pmap_core::model::{
    Agreement, Area, Body, BodyKind, Budget, Contribution, Coverage, Link, LinkKind, MapFile, Meta,
    Owner, OwnerRole, PartnershipType, Person, Responsibility, Target, TourStep,
};
use pmap_core::ons::{
    bodies_from_rows, lookup_rows, populations, LookupSpec, Table, OGL_ATTRIBUTION,
};
use std::collections::HashMap;
use std::process::ExitCode;

/// The 14 districts and unitaries of Hampshire and the Isle of Wight.
const HIOW: [&str; 14] = [
    "E06000044",
    "E06000045",
    "E06000046",
    "E07000084",
    "E07000085",
    "E07000086",
    "E07000087",
    "E07000088",
    "E07000089",
    "E07000090",
    "E07000091",
    "E07000092",
    "E07000093",
    "E07000094",
];
const HAMPSHIRE_CC: &str = "E10000014";
const HIOW_ICB: &str = "E54000042";
const FRIMLEY_ICB: &str = "E54000034";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = args.as_slice() {
        if flag == "--successions" {
            return match successions()
                .and_then(|t| std::fs::write(path, t).map_err(|e| e.to_string()))
            {
                Ok(()) => {
                    println!("pmap-demo: wrote {path}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("pmap-demo: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        if flag == "--england" {
            return england(path);
        }
    }
    let out = args
        .first()
        .cloned()
        .unwrap_or_else(|| "demo/hampshire.json".to_string());
    match build() {
        Ok(file) => {
            let text = match serde_json::to_string_pretty(&file) {
                Ok(t) => t + "\n",
                Err(e) => {
                    eprintln!("pmap-demo: {e}");
                    return ExitCode::FAILURE;
                }
            };
            // Check the result exactly as the widget will.
            if let Err(diags) = pmap_core::load(&text) {
                for d in diags {
                    eprintln!("pmap-demo: {d}");
                }
                return ExitCode::FAILURE;
            }
            if let Err(e) = std::fs::write(&out, text) {
                eprintln!("pmap-demo: cannot write {out}: {e}");
                return ExitCode::FAILURE;
            }
            println!(
                "pmap-demo: wrote {out} ({} areas, {} bodies, {} links, {} responsibilities)",
                file.areas.len(),
                file.bodies.len(),
                file.links.len(),
                file.responsibilities.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pmap-demo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn table(name: &str) -> Result<Table, String> {
    let text = read_ons(&ons_dir(), name)?;
    Table::parse(name, &text)
        .map(|(t, _)| t)
        .map_err(|d| d.to_string())
}

fn rows(name: &str, spec: LookupSpec) -> Result<Vec<pmap_core::ons::LookupRow>, String> {
    let t = table(name)?;
    let (r, d) = lookup_rows(&t, &spec).map_err(|d| d.to_string())?;
    if let Some(e) = d.iter().find(|d| d.is_error()) {
        return Err(e.to_string());
    }
    Ok(r)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn body(id: &str, name: &str, kind: BodyKind) -> Body {
    Body::new(id, name, kind)
}
fn link(from: &str, kind: LinkKind, to: &str) -> Link {
    Link {
        from: from.to_string(),
        to: to.to_string(),
        kind,
        role: None,
        valid_from: None,
        valid_to: None,
        illustrative: true,
    }
}

fn covers(codes: &[&str]) -> Vec<Coverage> {
    codes
        .iter()
        .map(|c| Coverage {
            area: (*c).to_string(),
            share: None,
        })
        .collect()
}

#[allow(clippy::too_many_lines)]
fn build() -> Result<MapFile, String> {
    // Areas: the 14 HIOW districts plus the districts Frimley ICB also covers.
    let icb_rows = rows(
        "lad24_x_icb24_overlap_en.csv",
        LookupSpec::new("LAD24CD", "ICB24CD", Some("ICB24NM"), Some("share_of_lad")),
    )?;
    let mut area_codes: Vec<String> = HIOW.iter().map(|s| (*s).to_string()).collect();
    for r in icb_rows.iter().filter(|r| r.code == FRIMLEY_ICB) {
        if !area_codes.contains(&r.area) {
            area_codes.push(r.area.clone());
        }
    }
    let in_map = |c: &str| area_codes.iter().any(|a| a == c);
    let (pops, _) = populations(
        &table("lad23_population_mid2021_2023_ew.csv")?,
        "AREACD",
        "pop_mid2023",
    )
    .map_err(|d| d.to_string())?;
    let names: HashMap<String, String> = rows(
        "lad24_to_region24_en.csv",
        LookupSpec::new("LAD24CD", "LAD24CD", Some("LAD24NM"), None),
    )?
    .into_iter()
    .map(|r| (r.area, r.name))
    .collect();
    let county_rows = rows(
        "lad23_to_utla23_county_en.csv",
        LookupSpec::new("LAD23CD", "CTY23CD", Some("CTY23NM"), None),
    )?;
    let county_of: HashMap<&str, &str> = county_rows
        .iter()
        .map(|r| (r.area.as_str(), r.code.as_str()))
        .collect();
    let mut areas = Vec::new();
    for code in &area_codes {
        areas.push(Area {
            code: code.clone(),
            name: names
                .get(code)
                .cloned()
                .ok_or(format!("{code} missing from lad24_to_region24_en.csv"))?,
            kind: "lad".to_string(),
            population: Some(
                *pops
                    .get(code)
                    .ok_or(format!("{code} missing from population file"))?,
            ),
            parent: county_of.get(code.as_str()).map(|s| (*s).to_string()),
            neighbours: crossings(code),
        });
    }
    let hampshire_districts: Vec<&str> = HIOW
        .iter()
        .copied()
        .filter(|c| county_of.get(c) == Some(&HAMPSHIRE_CC))
        .collect();

    let mut bodies: Vec<Body> = Vec::new();
    let mut council_id: HashMap<String, String> = HashMap::new();
    // Councils: the 14 HIOW districts and unitaries, and Hampshire County Council.
    for code in HIOW {
        let name = names.get(code).cloned().unwrap_or_default();
        let kind = pmap_core::ons::council_kind(code);
        let full = match kind {
            BodyKind::UnitaryCouncil if name == "Isle of Wight" => {
                "Isle of Wight Council".to_string()
            }
            BodyKind::UnitaryCouncil => format!("{name} City Council"),
            _ if [
                "Gosport",
                "Havant",
                "Rushmoor",
                "Test Valley",
                "Basingstoke and Deane",
            ]
            .contains(&name.as_str()) =>
            {
                format!("{name} Borough Council")
            }
            _ if name == "Winchester" => "Winchester City Council".to_string(),
            _ => format!("{name} District Council"),
        };
        let id = slug(&name);
        council_id.insert(code.to_string(), id.clone());
        let mut b = body(&id, &full, kind);
        b.elected = true;
        b.code = Some(code.to_string());
        b.covers = covers(&[code]);
        b.source = Some("ONS LAD24 (May 2024)".to_string());
        bodies.push(b);
    }
    let mut hcc = body(
        "hampshire-cc",
        "Hampshire County Council",
        BodyKind::CountyCouncil,
    );
    hcc.elected = true;
    hcc.code = Some(HAMPSHIRE_CC.to_string());
    hcc.covers = covers(&hampshire_districts);
    hcc.source = Some("ONS LAD23 to UTLA23 (April 2023)".to_string());
    hcc.description = Some("The upper-tier council for the 11 Hampshire districts: children's and adult social care, education, highways, waste disposal and public health.".to_string());
    bodies.push(hcc);

    // Police, PCC and fire from the ONS lookups.
    let pfa = rows(
        "lad24_to_pfa24_en.csv",
        LookupSpec::new("LAD24CD", "PFA24CD", Some("PFA24NM"), None),
    )?;
    let pfa: Vec<_> = pfa
        .into_iter()
        .filter(|r| in_map(&r.area) && r.code == "E23000030")
        .collect();
    let (mut p, _) = bodies_from_rows(
        "lad24_to_pfa24_en.csv",
        &pfa,
        &BodyKind::PoliceForce,
        "pfa",
        false,
        "ONS LAD24 to PFA24 (December 2024)",
    );
    let mut police = p.pop().ok_or("no Hampshire PFA rows")?;
    police.id = "police".to_string();
    police.name = "Hampshire and Isle of Wight Constabulary".to_string();
    police.description = Some("The police force for Hampshire, the Isle of Wight, Portsmouth and Southampton (ONS police force area “Hampshire”).".to_string());
    let mut pcc = police.clone();
    pcc.id = "pcc".to_string();
    pcc.name = "Police and Crime Commissioner for Hampshire and the Isle of Wight".to_string();
    pcc.kind = BodyKind::Pcc;
    pcc.elected = true;
    pcc.valid_from = Some("2012-11-22".to_string());
    pcc.description = Some(
        "Elected to hold the chief constable to account and set the police and crime plan."
            .to_string(),
    );
    bodies.push(police);
    bodies.push(pcc);
    let fra = rows(
        "lad24_to_fra24_en.csv",
        LookupSpec::new("LAD24CD", "FRA24CD", Some("FRA24NM"), None),
    )?;
    let fra: Vec<_> = fra.into_iter().filter(|r| in_map(&r.area)).collect();
    let (mut f, _) = bodies_from_rows(
        "lad24_to_fra24_en.csv",
        &fra,
        &BodyKind::FireAuthority,
        "fra",
        false,
        "ONS LAD24 to FRA24 (December 2024)",
    );
    let mut fire = f.pop().ok_or("no FRA rows")?;
    fire.id = "fire".to_string();
    fire.name = "Hampshire and Isle of Wight Fire and Rescue Authority".to_string();
    fire.valid_from = Some("2021-04-01".to_string());
    bodies.push(fire);

    // ICBs with LSOA-based shares: Hart is split between Frimley and HIOW.
    let icb: Vec<_> = icb_rows
        .into_iter()
        .filter(|r| in_map(&r.area) && (r.code == HIOW_ICB || r.code == FRIMLEY_ICB))
        .collect();
    let (icbs, _) = bodies_from_rows(
        "lad24_x_icb24_overlap_en.csv",
        &icb,
        &BodyKind::Icb,
        "icb",
        false,
        "ONS LSOA21 to ICB24 (April 2024); shares of each district by LSOA count",
    );
    for mut b in icbs {
        b.id = if b.code.as_deref() == Some(HIOW_ICB) {
            "icb-hiow"
        } else {
            "icb-frimley"
        }
        .to_string();
        b.valid_from = Some("2022-07-01".to_string());
        bodies.push(b);
    }

    // Community safety partnerships.
    let csp = rows(
        "lad24_to_csp24_to_pfa24_en.csv",
        LookupSpec::new("LAD24CD", "CSP24CD", Some("CSP24NM"), None),
    )?;
    let csp: Vec<_> = csp
        .into_iter()
        .filter(|r| HIOW.contains(&r.area.as_str()))
        .collect();
    let (csps, _) = bodies_from_rows(
        "lad24_to_csp24_to_pfa24_en.csv",
        &csp,
        &BodyKind::CommunitySafetyPartnership,
        "csp",
        false,
        "ONS LAD24 to CSP24 (December 2024)",
    );
    let mut csp_ids: Vec<(String, Vec<String>)> = Vec::new();
    for mut b in csps {
        b.id = format!("csp-{}", slug(&b.name));
        b.name = format!("{} Community Safety Partnership", b.name);
        csp_ids.push((
            b.id.clone(),
            b.covers.iter().map(|c| c.area.clone()).collect(),
        ));
        bodies.push(b);
    }

    // The skills area (LSIP 2025).
    let lsip = rows(
        "lad_to_lsip_dfe_en.csv",
        LookupSpec::new("lad_code", "lsip_code", Some("lsip_name"), None),
    )?;
    let t = table("lad_to_lsip_dfe_en.csv")?;
    let year = t
        .column("most_recent_year_included")
        .map_err(|d| d.to_string())?;
    let lad_col = t.column("lad_code").map_err(|d| d.to_string())?;
    let current: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r.get(year).map(String::as_str) == Some("2025"))
        .filter_map(|r| r.get(lad_col).map(String::as_str))
        .collect();
    let lsip: Vec<_> = lsip
        .into_iter()
        .filter(|r| {
            HIOW.contains(&r.area.as_str())
                && r.code == "E69000042"
                && current.contains(&r.area.as_str())
        })
        .collect();
    let (mut l, _) = bodies_from_rows(
        "lad_to_lsip_dfe_en.csv",
        &lsip,
        &BodyKind::SkillsArea,
        "lsip",
        false,
        "DfE LAD to LSIP area lookup (2025)",
    );
    let mut lsip_body = l.pop().ok_or("no LSIP rows")?;
    lsip_body.id = "lsip".to_string();
    lsip_body.name = "Hampshire and the Solent skills improvement area".to_string();
    bodies.push(lsip_body);

    // Probation, Jobcentre Plus, central departments: footprints not in the ONS files.
    let mut probation = body(
        "probation",
        "Probation Service, South Central region",
        BodyKind::Probation,
    );
    probation.covers = covers(&HIOW);
    probation.valid_from = Some("2021-06-26".to_string());
    probation.illustrative = true;
    probation.description = Some("Supervises people on probation. Its region also covers Thames Valley; only the districts in this map are listed. Probation regions are not an ONS product, so this footprint is illustrative.".to_string());
    bodies.push(probation);
    let mut jcp = body(
        "jcp",
        "Jobcentre Plus, Hampshire and Isle of Wight",
        BodyKind::JobcentrePlus,
    );
    jcp.covers = covers(&HIOW);
    jcp.illustrative = true;
    jcp.description = Some("DWP's jobcentres in the area. DWP districts are not an ONS product, so this footprint is illustrative.".to_string());
    bodies.push(jcp);
    bodies.push(body(
        "moj",
        "Ministry of Justice",
        BodyKind::CentralDepartment,
    ));
    bodies.push(body(
        "dwp",
        "Department for Work and Pensions",
        BodyKind::CentralDepartment,
    ));

    // The partnership itself: illustrative.
    let ill = |mut b: Body| {
        b.illustrative = true;
        b
    };
    let mut lsp = body("lsp", "Hampshire Strategic Partnership", BodyKind::Lsp);
    lsp.covers = covers(&hampshire_districts);
    lsp.description = Some("The county's local strategic partnership: public, private, voluntary and community bodies agreeing shared priorities for the 11 Hampshire districts. (Illustrative.)".to_string());
    lsp.partnership_type = Some(PartnershipType::Advisory);
    bodies.push(ill(lsp));
    let mut board = body(
        "exec-board",
        "Hampshire Partnership Executive Board",
        BodyKind::ExecutiveBoard,
    );
    board.description = Some(
        "Runs the partnership between meetings and oversees the thematic groups. (Illustrative.)"
            .to_string(),
    );
    board.partnership_type = Some(PartnershipType::Commissioning);
    bodies.push(ill(board));
    let mut cyp = body(
        "cyp",
        "Children and Young People's Partnership",
        BodyKind::ChildrensTrust,
    );
    cyp.theme = Some("children and young people".to_string());
    cyp.partnership_type = Some(PartnershipType::Commissioning);
    bodies.push(ill(cyp));
    let mut hwb = body(
        "hwb",
        "Hampshire Health and Wellbeing Board",
        BodyKind::HealthAndWellbeingBoard,
    );
    hwb.covers = covers(&hampshire_districts);
    hwb.theme = Some("health and wellbeing".to_string());
    hwb.description = Some("The county council's statutory board where councillors and the NHS plan health and care together; here it is also the partnership's health and wellbeing group.".to_string());
    hwb.partnership_type = Some(PartnershipType::Commissioning);
    bodies.push(ill(hwb));
    let mut safer = body(
        "safer-hampshire",
        "Safer Hampshire Group",
        BodyKind::ThematicGroup,
    );
    safer.theme = Some("community safety".to_string());
    safer.partnership_type = Some(PartnershipType::Advisory);
    bodies.push(ill(safer));
    let mut econ = body(
        "econ-regen",
        "Economic Regeneration Group",
        BodyKind::ThematicGroup,
    );
    econ.theme = Some("economic regeneration".to_string());
    econ.covers = covers(&hampshire_districts);
    econ.partnership_type = Some(PartnershipType::Laboratory);
    bodies.push(ill(econ));
    let mut vcs = body(
        "vcs-forum",
        "Hampshire Voluntary Sector Forum",
        BodyKind::VoluntaryCommunity,
    );
    vcs.covers = covers(&hampshire_districts);
    bodies.push(ill(vcs));
    let mut biz = body(
        "business",
        "Hampshire Business Leaders' Group",
        BodyKind::Business,
    );
    biz.covers = covers(&hampshire_districts);
    bodies.push(ill(biz));

    // Links (all illustrative: the structure is invented, the bodies are real).
    use LinkKind::{AccountableTo, Chairs, MemberOf, ReportsTo, SubGroupOf};
    let mut links = vec![
        link("exec-board", SubGroupOf, "lsp"),
        link("lsp", AccountableTo, "hampshire-cc"),
        link("cyp", ReportsTo, "exec-board"),
        link("hwb", ReportsTo, "exec-board"),
        link("hwb", AccountableTo, "hampshire-cc"),
        link("safer-hampshire", ReportsTo, "exec-board"),
        link("police", AccountableTo, "pcc"),
        link("probation", AccountableTo, "moj"),
        link("jcp", AccountableTo, "dwp"),
        link("hampshire-cc", Chairs, "lsp"),
        link("hampshire-cc", Chairs, "exec-board"),
        link("hampshire-cc", Chairs, "cyp"),
        link("hampshire-cc", Chairs, "hwb"),
        link("pcc", Chairs, "safer-hampshire"),
        link("business", Chairs, "econ-regen"),
    ];
    for c in ["hampshire-cc", "portsmouth", "southampton", "isle-of-wight"] {
        let mut l = link("fire", AccountableTo, c);
        l.role = Some("appoints councillors to the fire authority".to_string());
        l.illustrative = false;
        links.push(l);
    }
    for code in &hampshire_districts {
        if let Some(id) = council_id.get(*code) {
            links.push(link(id, MemberOf, "lsp"));
        }
    }
    for m in [
        "police",
        "pcc",
        "fire",
        "icb-hiow",
        "icb-frimley",
        "probation",
        "vcs-forum",
        "business",
        "lsip",
    ] {
        links.push(link(m, MemberOf, "lsp"));
    }
    for m in [
        "police",
        "pcc",
        "fire",
        "icb-hiow",
        "probation",
        "vcs-forum",
        "business",
        "basingstoke-and-deane",
        "winchester",
    ] {
        links.push(link(m, MemberOf, "exec-board"));
    }
    for m in ["police", "icb-hiow", "probation", "vcs-forum"] {
        links.push(link(m, MemberOf, "cyp"));
    }
    for m in ["icb-hiow", "icb-frimley", "vcs-forum", "hart"] {
        links.push(link(m, MemberOf, "hwb"));
    }
    for m in ["police", "fire", "probation", "hampshire-cc"] {
        links.push(link(m, MemberOf, "safer-hampshire"));
    }
    for m in ["hampshire-cc", "jcp", "lsip", "basingstoke-and-deane"] {
        links.push(link(m, MemberOf, "econ-regen"));
    }
    // Each CSP: its councils, police, fire, probation and the ICB(s) for its area; it is
    // scrutinised by its councils (Police and Justice Act 2006 s19).
    for (id, codes) in &csp_ids {
        for code in codes {
            if let Some(c) = council_id.get(code) {
                links.push(link(c, MemberOf, id));
                let mut l = link(id, AccountableTo, c);
                l.role =
                    Some("scrutinised by the council's crime and disorder committee".to_string());
                links.push(l);
            }
        }
        for m in ["police", "fire", "probation", "icb-hiow"] {
            links.push(link(m, MemberOf, id));
        }
        if codes.iter().any(|c| c == "E07000092") {
            links.push(link("icb-frimley", MemberOf, id));
        }
        if codes
            .iter()
            .any(|c| hampshire_districts.contains(&c.as_str()))
        {
            links.push(link(id, MemberOf, "safer-hampshire"));
        }
    }

    let resp = |id: &str,
                name: &str,
                theme: &str,
                statutory: bool,
                basis: Option<&str>,
                scope: &[&str],
                owners: &[(&str, OwnerRole)]| Responsibility {
        id: id.to_string(),
        name: name.to_string(),
        theme: Some(theme.to_string()),
        statutory,
        legal_basis: basis.map(str::to_string),
        scope: scope.iter().map(|s| (*s).to_string()).collect(),
        owners: owners
            .iter()
            .map(|(b, r)| Owner {
                body: (*b).to_string(),
                role: *r,
            })
            .collect(),
        description: None,
        illustrative: true,
    };
    use OwnerRole::{Commissions, Contributes, Delivers, Lead};
    let district_leads: Vec<(&str, OwnerRole)> = hampshire_districts
        .iter()
        .filter_map(|c| council_id.get(*c).map(|id| (id.as_str(), Lead)))
        .collect();
    let csp_leads: Vec<(&str, OwnerRole)> = csp_ids
        .iter()
        .filter(|(_, codes)| {
            codes
                .iter()
                .any(|c| hampshire_districts.contains(&c.as_str()))
        })
        .map(|(id, _)| (id.as_str(), Lead))
        .collect();
    let hd = &hampshire_districts;
    let responsibilities = vec![
        resp("waste-collection", "Household waste collection", "environment", true, Some("Environmental Protection Act 1990 s45 (waste collection authorities: district councils)"), hd, &district_leads),
        resp("waste-disposal", "Waste disposal", "environment", true, Some("Environmental Protection Act 1990 s51 (waste disposal authority: the county council)"), hd, &[("hampshire-cc", Lead)]),
        resp("childrens-social-care", "Children's social care", "children and young people", true, Some("Children Act 1989 Part 3"), hd, &[("hampshire-cc", Lead), ("icb-hiow", Contributes), ("police", Contributes)]),
        resp("children-cooperation", "Co-operation to improve children's well-being", "children and young people", true, Some("Children Act 2004 s10"), hd, &[("hampshire-cc", Lead), ("police", Contributes), ("probation", Contributes), ("icb-hiow", Contributes), ("icb-frimley", Contributes)]),
        resp("crime-disorder", "Strategy to reduce crime and disorder", "community safety", true, Some("Crime and Disorder Act 1998 s6"), hd, &csp_leads),
        resp("asb-case-reviews", "Anti-social behaviour case reviews in Rushmoor", "community safety", true, Some("Anti-social Behaviour, Crime and Policing Act 2014 s104"), &["E07000092"], &[("rushmoor", Lead), ("csp-north-hampshire", Lead), ("police", Contributes)]),
        resp("reducing-reoffending", "Reducing reoffending", "community safety", true, Some("Crime and Disorder Act 1998 s6, as amended by the Policing and Crime Act 2009"), &HIOW, &[("probation", Lead), ("police", Contributes), ("pcc", Commissions)]),
        resp("domestic-abuse", "Domestic abuse safe accommodation support", "community safety", true, Some("Domestic Abuse Act 2021 s57"), hd, &[("hampshire-cc", Lead), ("safer-hampshire", Contributes)]),
        resp("community-health", "Community health services commissioning", "health and wellbeing", true, Some("NHS Act 2006 s3, as amended by the Health and Care Act 2022"), hd, &[("icb-hiow", Lead), ("hwb", Contributes)]),
        resp("jsna", "Joint strategic needs assessment", "health and wellbeing", true, Some("Local Government and Public Involvement in Health Act 2007 s116"), hd, &[("hwb", Lead), ("icb-hiow", Contributes), ("icb-frimley", Contributes), ("hampshire-cc", Contributes)]),
        resp("fire-prevention", "Fire safety and prevention", "community safety", true, Some("Fire and Rescue Services Act 2004 s6"), &HIOW, &[("fire", Lead)]),
        resp("worklessness", "Reducing worklessness", "economic regeneration", false, None, hd, &[("jcp", Contributes), ("hampshire-cc", Contributes), ("econ-regen", Contributes)]),
        resp("rough-sleeping", "Rough sleeping outreach across district boundaries", "housing", false, None, hd, &[]),
        resp("adult-skills", "Adult skills and apprenticeships", "economic regeneration", false, None, hd, &[("lsip", Contributes), ("hampshire-cc", Delivers), ("jcp", Delivers)]),
        resp("community-strategy", "Sustainable community strategy", "partnership", false, None, hd, &[("lsp", Lead), ("hampshire-cc", Contributes)]),
    ];

    let agreements = vec![Agreement {
        id: "laa-2008".to_string(),
        name: "Hampshire Local Area Agreement 2008–11".to_string(),
        kind: "LAA".to_string(),
        parties: ["hampshire-cc", "lsp", "police", "fire", "jcp"]
            .iter()
            .map(|s| (*s).to_string())
            .collect(),
        valid_from: Some("2008-04-01".to_string()),
        valid_to: Some("2011-03-31".to_string()),
        targets: vec![
            Target {
                id: "NI 152".to_string(),
                name: "Working age people on out of work benefits".to_string(),
                responsibility: Some("worklessness".to_string()),
            },
            Target {
                id: "NI 192".to_string(),
                name: "Household waste sent for reuse, recycling and composting".to_string(),
                responsibility: Some("waste-collection".to_string()),
            },
            Target {
                id: "NI 111".to_string(),
                name: "First time entrants to the youth justice system".to_string(),
                responsibility: Some("youth-justice".to_string()),
            },
            Target {
                id: "NI 116".to_string(),
                name: "Proportion of children in poverty".to_string(),
                responsibility: None,
            },
        ],
        illustrative: true,
    }];
    let mut agreements = agreements;
    agreements.extend(governance_agreements(&csp_ids, &hampshire_districts));

    let tour = vec![
        TourStep { title: "The partnership".to_string(), text: "Hampshire Strategic Partnership brings the county council, the 11 districts and the police, fire, NHS, probation, business and voluntary sectors together. Its executive board oversees four thematic groups.".to_string(), focus: vec!["lsp".to_string(), "exec-board".to_string()] },
        TourStep { title: "Two NHS systems".to_string(), text: "Most of Hampshire is served by the Hampshire and Isle of Wight ICB, but Rushmoor and three quarters of Hart look to NHS Frimley ICB, which is not on the executive board.".to_string(), focus: vec!["icb-frimley".to_string(), "icb-hiow".to_string(), "hart".to_string(), "rushmoor".to_string()] },
        TourStep { title: "Who is accountable?".to_string(), text: "Every body should have a route to someone local people elect. Jobcentre Plus reaches only the Economic Regeneration Group, which reports to no board, and the Department for Work and Pensions.".to_string(), focus: vec!["jcp".to_string(), "econ-regen".to_string()] },
    ];

    let codes: Vec<String> = areas.iter().map(|a| a.code.clone()).collect();
    let boundaries = boundaries(&codes)?;
    Ok(MapFile {
        boundaries,
        meta: Meta {
            title: "Hampshire & Isle of Wight partnership".to_string(),
            description: Some("A county local strategic partnership and the public bodies around it. Areas, populations and the police, fire, NHS, community safety and skills footprints are real ONS data; the partnership's structure and types, who owns which responsibility, the agreements, people and budgets, and the probation and Jobcentre Plus footprints are illustrative (marked in the data).".to_string()),
            sources: Some("ONS Open Geography Portal lookups: LAD24 to PFA24, FRA24 and CSP24 (December 2024); LSOA21 to ICB24 (April 2024); LAD23 to UTLA23 (April 2023); DfE LAD to LSIP (2025). ONS mid-2023 population estimates. Boundaries: ONS Local Authority Districts (May 2024) UK BUC.".to_string()),
            attribution: Some(OGL_ATTRIBUTION.to_string()),
            population_source: Some("ONS mid-2023 population estimates".to_string()),
            sliver_tolerance: None,
            load_threshold: None,
        },
        areas,
        bodies,
        links,
        responsibilities,
        agreements,
        people: people(),
        budgets: budgets(),
        tour,
        ..MapFile::default()
    })
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

/// The formal footing of the partnership (illustrative): terms of reference for the LSP
/// and its board, the HWB's terms in the county's constitution, the Better Care Fund's
/// section 75 agreement, and a county-wide community safety memorandum. The children's
/// partnership, the economic group and the unitaries' CSPs are left without one.
fn governance_agreements(csps: &[(String, Vec<String>)], county: &[&str]) -> Vec<Agreement> {
    let agreement = |id: &str, name: &str, kind: &str, parties: Vec<String>| Agreement {
        id: id.to_string(),
        name: name.to_string(),
        kind: kind.to_string(),
        parties,
        // Adopted for the 2023/24 year; the HWB's terms date from its start (April 2013).
        valid_from: Some(
            if id == "hwb-constitution" {
                "2013-04-01"
            } else {
                "2023-04-01"
            }
            .to_string(),
        ),
        valid_to: None,
        targets: Vec::new(),
        illustrative: true,
    };
    let mut memorandum = ids(&["safer-hampshire", "hampshire-cc", "police", "pcc"]);
    memorandum.extend(
        csps.iter()
            .filter(|(_, codes)| codes.iter().any(|c| county.contains(&c.as_str())))
            .map(|(id, _)| id.clone()),
    );
    let mut s75 = agreement(
        "bcf-s75",
        "Better Care Fund section 75 agreement 2024/25",
        "section_75",
        ids(&["hampshire-cc", "icb-hiow", "icb-frimley"]),
    );
    s75.valid_from = Some("2024-04-01".to_string());
    s75.valid_to = Some("2025-03-31".to_string());
    vec![
        agreement(
            "hsp-tor",
            "Hampshire Strategic Partnership terms of reference",
            "terms_of_reference",
            ids(&["lsp", "exec-board", "hampshire-cc"]),
        ),
        agreement(
            "hwb-constitution",
            "Health and Wellbeing Board terms of reference (county council constitution)",
            "constitution",
            ids(&["hwb", "hampshire-cc"]),
        ),
        s75,
        agreement(
            "csp-memorandum",
            "Hampshire community safety memorandum of understanding",
            "memorandum",
            memorandum,
        ),
    ]
}

/// Illustrative people: a police district commander on seven boards, and a director of
/// public health on four.
fn people() -> Vec<Person> {
    vec![
        Person {
            id: "ch-supt-north".to_string(),
            name: "District Commander, North and East Hampshire".to_string(),
            body: Some("police".to_string()),
            role: Some("Chief Superintendent".to_string()),
            seats: ids(&[
                "csp-north-hampshire",
                "csp-east-hampshire",
                "csp-winchester",
                "csp-test-valley",
                "safer-hampshire",
                "exec-board",
                "cyp",
            ]),
            illustrative: true,
        },
        Person {
            id: "dph".to_string(),
            name: "Director of Public Health".to_string(),
            body: Some("hampshire-cc".to_string()),
            role: Some("Director of Public Health".to_string()),
            seats: ids(&["hwb", "cyp", "safer-hampshire", "exec-board"]),
            illustrative: true,
        },
    ]
}

/// Illustrative budgets: the Better Care Fund pooled under NHS Act 2006 s75 (held by the
/// county, governed by the HWB), a youth justice pooled budget to which the PCC pays in
/// without a seat on the children's partnership, and an economic fund held by a group
/// with no route to anyone elected. The amounts are invented.
fn budgets() -> Vec<Budget> {
    let pay = |list: &[(&str, f64)]| {
        list.iter()
            .map(|(b, a)| Contribution {
                body: (*b).to_string(),
                amount: Some(*a),
            })
            .collect::<Vec<_>>()
    };
    let budget = |id: &str, name: &str, amount: f64, basis: Option<&str>| Budget {
        id: id.to_string(),
        name: name.to_string(),
        amount: Some(amount),
        currency: Some("GBP".to_string()),
        valid_from: Some("2024-04-01".to_string()),
        valid_to: Some("2025-03-31".to_string()),
        legal_basis: basis.map(str::to_string),
        held_by: None,
        governed_by: None,
        contributions: Vec::new(),
        illustrative: true,
    };
    let mut bcf = budget(
        "bcf",
        "Better Care Fund pooled budget 2024/25",
        120_000_000.0,
        Some("NHS Act 2006 s75"),
    );
    bcf.held_by = Some("hampshire-cc".to_string());
    bcf.governed_by = Some("hwb".to_string());
    bcf.contributions = pay(&[
        ("icb-hiow", 80_000_000.0),
        ("icb-frimley", 12_000_000.0),
        ("hampshire-cc", 28_000_000.0),
    ]);
    let mut yjs = budget(
        "youth-justice",
        "Youth justice pooled budget 2024/25",
        6_000_000.0,
        Some("Crime and Disorder Act 1998 s38"),
    );
    yjs.held_by = Some("hampshire-cc".to_string());
    yjs.governed_by = Some("cyp".to_string());
    yjs.contributions = pay(&[
        ("hampshire-cc", 3_500_000.0),
        ("police", 900_000.0),
        ("probation", 600_000.0),
        ("icb-hiow", 500_000.0),
        ("pcc", 500_000.0),
    ]);
    let mut econ = budget(
        "econ-fund",
        "Economic regeneration fund 2024/25",
        2_000_000.0,
        None,
    );
    econ.held_by = Some("econ-regen".to_string());
    econ.governed_by = Some("econ-regen".to_string());
    econ.contributions = pay(&[("hampshire-cc", 1_500_000.0), ("jcp", 500_000.0)]);
    vec![bcf, yjs, econ]
}

/// The successions table: LAD 2022 → 2023 changes (the April 2023 mergers), and LAD 2024 →
/// 2025 recodes (same name, new code: Barnsley and Sheffield).
fn successions() -> Result<String, String> {
    let mut out = String::from("old_code,old_name,new_code,new_name,year\n");
    let quote = |s: &str| {
        if s.contains(',') {
            format!("\"{s}\"")
        } else {
            s.to_string()
        }
    };
    let t = table("lad22_to_lad23_uk.csv")?;
    let (a, b, c, d) = (
        col(&t, "LAD22CD")?,
        col(&t, "LAD22NM")?,
        col(&t, "LAD23CD")?,
        col(&t, "LAD23NM")?,
    );
    for r in &t.rows {
        let g = |i: usize| r.get(i).map_or("", String::as_str);
        if g(a) != g(c) {
            out.push_str(&format!(
                "{},{},{},{},2023\n",
                g(a),
                quote(g(b)),
                g(c),
                quote(g(d))
            ));
        }
    }
    let t24 = table("lad24_to_region24_en.csv")?;
    let t25 = table("lad25_to_english_devolved_area25_dfe_en.csv")?;
    let (c24, n24) = (col(&t24, "LAD24CD")?, col(&t24, "LAD24NM")?);
    let (c25, n25) = (col(&t25, "lad_code")?, col(&t25, "lad_name")?);
    for r in &t24.rows {
        let (code, name) = (
            r.get(c24).map_or("", String::as_str),
            r.get(n24).map_or("", String::as_str),
        );
        if let Some(r25) = t25
            .rows
            .iter()
            .find(|x| x.get(n25).map(String::as_str) == Some(name))
        {
            let new = r25.get(c25).map_or("", String::as_str);
            if new != code && !new.is_empty() {
                out.push_str(&format!(
                    "{code},{},{new},{},2025\n",
                    quote(name),
                    quote(name)
                ));
            }
        }
    }
    Ok(out)
}

fn col(t: &Table, name: &str) -> Result<usize, String> {
    t.column(name).map_err(|d| d.to_string())
}

/// All of England: every district, council, PFA, FRA, ICB, CSP and CA, with boundaries.
fn england(path: &str) -> ExitCode {
    let dir = ons_dir();
    let read = |n: &str| read_ons(&dir, n);
    let run = || -> Result<MapFile, String> {
        let texts = pmap_core::ons::NationalTexts::read(read)?;
        let inputs = texts.inputs();
        let (mut file, _) = pmap_core::ons::national_map(&inputs).map_err(|d| {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let codes: Vec<String> = file.areas.iter().map(|a| a.code.clone()).collect();
        file.boundaries = boundaries(&codes)?;
        for a in &mut file.areas {
            a.neighbours = crossings(&a.code);
        }
        Ok(file)
    };
    match run().and_then(|f| serde_json::to_string(&f).map_err(|e| e.to_string())) {
        Ok(text) => {
            if let Err(d) = pmap_core::load(&text) {
                eprintln!(
                    "pmap-demo: the England map does not validate: {}",
                    d.first().map(ToString::to_string).unwrap_or_default()
                );
                return ExitCode::FAILURE;
            }
            match std::fs::write(path, text + "\n") {
                Ok(()) => {
                    println!("pmap-demo: wrote {path}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("pmap-demo: cannot write {path}: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("pmap-demo: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Areas linked by a crossing rather than a shared boundary: the Isle of Wight's car
/// ferries run to Portsmouth and Southampton, and the Isles of Scilly's to Penzance in
/// Cornwall (with which they share their police force, fire service and ICB). Stated on
/// the island's side only (links are symmetric).
fn crossings(code: &str) -> Vec<String> {
    const ISLE_OF_WIGHT: &str = "E06000046";
    const ISLES_OF_SCILLY: &str = "E06000053";
    match code {
        ISLE_OF_WIGHT => vec!["E06000044".to_string(), "E06000045".to_string()],
        ISLES_OF_SCILLY => vec!["E06000052".to_string()],
        _ => Vec::new(),
    }
}

/// District boundaries from the ONS LAD 2024 BUC GeoJSON, for the given codes.
fn boundaries(
    codes: &[String],
) -> Result<std::collections::BTreeMap<String, serde_json::Value>, String> {
    let text = read_ons(&ons_dir(), "lad24_buc_uk.geojson")?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("lad24_buc_uk.geojson: {e}"))?;
    let mut out = std::collections::BTreeMap::new();
    for f in v
        .get("features")
        .and_then(|f| f.as_array())
        .into_iter()
        .flatten()
    {
        let code = f
            .pointer("/properties/LAD24CD")
            .and_then(|c| c.as_str())
            .unwrap_or_default();
        if codes.iter().any(|c| c == code) {
            if let Some(g) = f.get("geometry") {
                out.insert(code.to_string(), g.clone());
            }
        }
    }
    Ok(out)
}
