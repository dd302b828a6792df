//! Whole resumes (fixtures in `crates/core/fixtures/resumes/`): every personal item gone,
//! and the skills, employers, dates and figures a coach needs still there.

use super::*;

fn check(resume: &str, personal: &[&str], kept: &[&str]) -> Redacted {
    let result = redact(resume);
    for item in personal {
        assert!(
            !result.text.contains(item),
            "{item:?} survived in:\n{}",
            result.text
        );
    }
    for item in kept {
        assert!(
            result.text.contains(item),
            "{item:?} was over-redacted in:\n{}",
            result.text
        );
    }
    result
}

#[test]
fn software_fresher_resume() {
    let result = check(
        include_str!("../../fixtures/resumes/software_fresher.txt"),
        &[
            "#45",
            "Indiranagar",
            "560038",
            "98765 43210",
            "rahul.verma98@gmail.com",
            "rahul-verma-98",
            "rahulv98",
            "14/08/2002",
            "Suresh",
            "2341 2341 2346",
            "ABCPV1234K",
        ],
        &[
            "RAHUL VERMA",
            "B.E. Computer Science, RV College of Engineering, Bengaluru, 2020–2024, CGPA 8.5/10",
            "92.4%",
            "Flipkart, Bengaluru (May 2023 – July 2023)",
            "1,50,000 requests per day",
            "800 ms to 220 ms",
            "1,200 students in 2023",
            "Smart India Hackathon 2022",
            "Python 3.11",
            "Java 17, Python 3.11, SQL, Spring Boot, React, Docker, AWS (EC2, S3, Lambda), Git",
            "Date of Birth: [DOB]",
            "Aadhaar: [AADHAAR]",
        ],
    );
    assert_eq!(result.count(Kind::Address), 1);
    assert_eq!(result.count(Kind::Phone), 1);
}

#[test]
fn experienced_data_analyst_resume() {
    let result = check(
        include_str!("../../fixtures/resumes/data_experienced.txt"),
        &[
            "priya.iyer@outlook.in",
            "098400-12345",
            "044-2434 5678",
            "priyaiyer.dev",
            "kaggle.com/priyaiyer",
            "Flat 402",
            "Velachery Main Road",
            "600042",
            "Z4812937",
            "3rd March 1994",
        ],
        &[
            "Priya Iyer",
            "6 years of experience",
            "₹2.4 crore",
            "HDFC Bank, Chennai, 04/2021 – present",
            "AUC 0.87",
            "12%",
            "Myntra, Bengaluru, 07/2018 – 03/2021",
            "2 lakh daily users",
            "2016–2018, 8.9 CGPA",
            "SQL, Python (pandas, scikit-learn)",
        ],
    );
    assert_eq!(result.count(Kind::Phone), 2);
    assert_eq!(result.count(Kind::Passport), 1);
}

#[test]
fn frontend_resume_with_labelled_personal_details() {
    let result = check(
        include_str!("../../fixtures/resumes/frontend_hinglish_region.txt"),
        &[
            "Aman Gupta",
            "8-2-293/A",
            "Banjara Hills",
            "500034",
            "9123456789",
            "81234 56789",
            "aman.gupta.dev@yahoo.co.in",
            "amangupta.netlify.app",
            "aman_builds",
            "aman-gupta",
            "21-11-1998",
            "C-1104",
            "201301",
            "4987-6543-2102",
            "BQRPG7788M",
        ],
        &[
            "React, TypeScript and Next.js 14",
            "Phase 2 redesign",
            "40 cities",
            "from 62 to 95",
            "Zerodha (Kite web), Bengaluru — Jan 2022 to present",
            "WCAG 2.1 AA",
            "TCS, Hyderabad — Aug 2020 to Dec 2021",
            "Angular 8",
            "99.9% uptime over 18 months",
            "2016-2020, 7.8 CGPA",
        ],
    );
    assert!(
        result.count(Kind::Aadhaar) == 1
            && result.findings.iter().any(|finding| {
                finding.kind == Kind::Aadhaar && finding.checksum_valid == Some(true)
            })
    );
}

#[test]
fn job_description_keeps_requirements_and_drops_contacts() {
    check(
        include_str!("../../fixtures/resumes/job_description.txt"),
        &["hiring.backend@swiggy.in", "560103", "careers.swiggy.in"],
        &[
            "Backend Engineer (SDE-2) — Swiggy, Bengaluru",
            "3–6 years",
            "₹28–40 LPA",
            "Go and Java services on Kafka and PostgreSQL",
            "2,00,000 orders per minute",
            "gRPC, Kubernetes",
        ],
    );
}
