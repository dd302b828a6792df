//! A line chart of one figure per session, drawn as SVG. Screen readers get the trend in
//! the image's name and every point in a table the chart can show instead.

use leptos::prelude::*;

use super::geometry::{BOTTOM, HEIGHT, LEFT, RIGHT, Scale, TOP, WIDTH, x};
use crate::i18n::{t, t_with};

/// One point: the session's date as shown, and its value if it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: String,
    pub value: Option<f32>,
}

/// A band of good values to shade (the 130–175 words per minute of a clear pace).
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub low: f32,
    pub high: f32,
    pub label: String,
}

/// A coordinate as an SVG attribute.
fn number(value: f32) -> String {
    format!("{value:.1}")
}

#[component]
pub fn LineChart(
    id: &'static str,
    title: String,
    /// The sentence naming the image: what the trend is.
    summary: String,
    points: Vec<Point>,
    /// The value as shown: "6.4", "142".
    format: fn(f32) -> String,
    minimum_top: f32,
    #[prop(optional)] band: Option<Band>,
) -> impl IntoView {
    let table_open = RwSignal::new(false);
    let values: Vec<f32> = points.iter().filter_map(|point| point.value).collect();
    let top_value = band
        .as_ref()
        .map_or(minimum_top, |band| band.high.max(minimum_top));
    let scale = Scale::fitting(&values, top_value);
    let count = points.len();
    // Sessions without the figure (a typed answer has no pace) leave a gap in x, not a point.
    let placed: Vec<(f32, f32)> = points
        .iter()
        .enumerate()
        .filter_map(|(index, point)| point.value.map(|value| (x(index, count), scale.y(value))))
        .collect();
    let line = placed
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let band_view = band.as_ref().map(|band| {
        let (high, low) = (scale.y(band.high), scale.y(band.low));
        view! {
            <rect
                class="chart-band"
                x=number(LEFT)
                y=number(high)
                width=number(WIDTH - LEFT - RIGHT)
                height=number((low - high).max(0.0))
            ></rect>
            <text
                class="chart-band-label"
                x=number(WIDTH - RIGHT - 4.0)
                y=number(high + 14.0)
                text-anchor="end"
            >
                {band.label.clone()}
            </text>
        }
    });
    let axis_bottom = HEIGHT - BOTTOM;
    let first_date = points
        .first()
        .map(|point| point.date.clone())
        .unwrap_or_default();
    let last_date = points
        .last()
        .map(|point| point.date.clone())
        .unwrap_or_default();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let table_id = format!("{id}-table");
    let controls = table_id.clone();
    let toggle_id = format!("{id}-toggle");
    let rows = points.clone();

    view! {
        <section class="chart" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>{title.clone()}</h2>
            <svg
                class="chart-image"
                role="img"
                aria-label=summary
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                preserveAspectRatio="xMidYMid meet"
            >
                {band_view}
                <line
                    class="chart-axis"
                    x1=number(LEFT)
                    y1=number(axis_bottom)
                    x2=number(WIDTH - RIGHT)
                    y2=number(axis_bottom)
                ></line>
                <line
                    class="chart-axis"
                    x1=number(LEFT)
                    y1=number(TOP)
                    x2=number(LEFT)
                    y2=number(axis_bottom)
                ></line>
                <text class="chart-label" x=number(LEFT - 6.0) y=number(axis_bottom) text-anchor="end">
                    {format(0.0)}
                </text>
                <text class="chart-label" x=number(LEFT - 6.0) y=number(TOP + 4.0) text-anchor="end">
                    {format(scale.top)}
                </text>
                <text class="chart-label" x=number(LEFT) y=number(HEIGHT - 12.0) text-anchor="start">
                    {first_date}
                </text>
                <text class="chart-label" x=number(WIDTH - RIGHT) y=number(HEIGHT - 12.0) text-anchor="end">
                    {last_date}
                </text>
                <polyline class="chart-line" points=line></polyline>
                {placed
                    .into_iter()
                    .map(|(x, y)| {
                        view! { <circle class="chart-point" cx=number(x) cy=number(y) r="5"></circle> }
                    })
                    .collect_view()}
            </svg>
            <button
                type="button"
                id=toggle_id
                class="chart-toggle"
                aria-expanded=move || table_open.get().to_string()
                aria-controls=controls
                on:click=move |_| table_open.update(|open| *open = !*open)
            >
                {move || {
                    if table_open.get() { t("ui.progress.hide_table") } else { t("ui.progress.show_table") }
                }}
            </button>
            <table id=table_id class="chart-table" hidden=move || !table_open.get()>
                <caption>{t_with("ui.progress.table_caption", &[("chart", &title)])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("ui.progress.session_column")}</th>
                        <th scope="col">{t("ui.progress.value_column")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|point| {
                            let value = point.value.map_or_else(|| t("ui.history.not_measured"), format);
                            view! {
                                <tr>
                                    <th scope="row">{point.date}</th>
                                    <td>{value}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
