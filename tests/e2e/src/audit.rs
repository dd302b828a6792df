//! Accessibility audits with axe-core, injected into the app's page over WebDriver.
//!
//! axe-core comes from npm (`scripts/setup.sh` installs it for the test setup and names it
//! in `AIRA_AXE_SCRIPT`). Only serious and critical violations fail a test; moderate and
//! minor ones are printed.

use fantoccini::Client;
use serde_json::Value;

fn axe_script() -> String {
    let path = std::env::var_os("AIRA_AXE_SCRIPT")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| {
                std::path::PathBuf::from(home)
                    .join(".cache/aira/npm/node_modules/axe-core/axe.min.js")
            })
        })
        .unwrap_or_default();
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "axe-core not found at {} ({error}): run the README's test command, which installs it",
            path.display()
        )
    })
}

/// Runs axe-core over the whole page (WCAG 2.0–2.2 A and AA rules plus best practices);
/// returns each serious or critical violation as "rule (impact): help — element: summary".
pub async fn serious_violations(client: &Client, screen: &str) -> Vec<String> {
    let injected: bool = client
        .execute("return typeof window.axe !== 'undefined';", vec![])
        .await
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false);
    if !injected {
        client
            .execute(&axe_script(), vec![])
            .await
            .unwrap_or_else(|error| panic!("injecting axe-core: {error}"));
    }
    let report = client
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                resultTypes: ['violations'],
            }).then((results) => done(JSON.stringify(results.violations)),
                    (error) => done(JSON.stringify({ error: String(error) })));
            "#,
            vec![],
        )
        .await
        .unwrap_or_else(|error| panic!("running axe-core on {screen}: {error}"));
    let violations: Value = serde_json::from_str(report.as_str().unwrap_or("[]"))
        .unwrap_or_else(|error| panic!("axe-core report on {screen}: {error}"));
    if let Some(error) = violations.get("error") {
        panic!("axe-core failed on {screen}: {error}");
    }
    let mut serious = Vec::new();
    for violation in violations.as_array().into_iter().flatten() {
        let impact = violation["impact"].as_str().unwrap_or("unknown");
        let nodes: Vec<String> = violation["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|node| {
                format!(
                    "{} : {}",
                    node["target"],
                    node["failureSummary"]
                        .as_str()
                        .unwrap_or_default()
                        .replace('\n', " ")
                )
            })
            .collect();
        let line = format!(
            "{screen}: {} ({impact}): {} — {}",
            violation["id"].as_str().unwrap_or("?"),
            violation["help"].as_str().unwrap_or("?"),
            nodes.join(" | ")
        );
        if matches!(impact, "serious" | "critical") {
            serious.push(line);
        } else {
            println!("axe, not failing: {line}");
        }
    }
    serious
}
