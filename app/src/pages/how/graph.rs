//! The workflow drawn: [`Graph::workflow`]'s states as boxes in their columns, its
//! transitions as arrows named by their steps. What is counted, lit or walked is the
//! page's to say.

use leptos::prelude::*;

use crate::{
    i18n,
    model::{Edge, Graph, Node, OrderState},
};

const COLUMN: f64 = 220.0;
const ROW: f64 = 120.0;
const BOX_W: f64 = 156.0;
const BOX_H: f64 = 60.0;
const MARGIN: f64 = 24.0;
/// Room above the first row, for the arrows that pass over it.
const TOP: f64 = 64.0;
/// Where the start arrow begins, left of the first column.
const START: f64 = 44.0;

fn left(node: Node) -> f64 {
    START + MARGIN + node.column as f64 * COLUMN
}

fn top(node: Node) -> f64 {
    TOP + node.row as f64 * ROW
}

/// An edge's path and where its label goes: along the first row straight (or over the
/// boxes between); down to a later row from the box's bottom, each row from its own
/// point, turning onto the target row's line; back, or within a box, curved below or
/// above it.
fn path(graph: &Graph, edge: &Edge) -> (String, f64, f64) {
    let to = graph.node(edge.to);
    let (x2, y2) = (left(to), top(to) + BOX_H / 2.0);
    let Some(from) = edge.from.map(|state| graph.node(state)) else {
        let x1 = x2 - START - MARGIN + 8.0;
        return (format!("M{x1},{y2} L{x2},{y2}"), (x1 + x2) / 2.0, y2 - 8.0);
    };
    if from == to {
        // A step that keeps the state: a loop over the box.
        let (x, y) = (left(to) + BOX_W / 2.0, top(to));
        let d = format!(
            "M{},{y} C{},{} {},{} {},{y}",
            x - 24.0,
            x - 30.0,
            y - 44.0,
            x + 30.0,
            y - 44.0,
            x + 24.0
        );
        return (d, x, y - 40.0);
    }
    if to.row > from.row {
        let share = to.row as f64 / (to.row as f64 + 1.0);
        let sx = left(from) + BOX_W * (0.1 + 0.8 * share);
        let sy = top(from) + BOX_H;
        let d = format!(
            "M{sx},{sy} L{sx},{} Q{sx},{y2} {},{y2} L{x2},{y2}",
            y2 - 16.0,
            sx + 16.0
        );
        return (d, sx + 34.0, y2 - 6.0);
    }
    let x1 = left(from) + BOX_W;
    let y1 = top(from) + BOX_H / 2.0;
    if to.column == from.column + 1 {
        let d = format!("M{x1},{y1} L{x2},{y2}");
        return (d, (x1 + x2) / 2.0, (y1 + y2) / 2.0 - 8.0);
    }
    if to.column > from.column {
        let bend = top(from).min(top(to)) - 44.0;
        let d = format!(
            "M{x1},{y1} C{},{bend} {},{bend} {x2},{y2}",
            x1 + 60.0,
            x2 - 60.0
        );
        return (d, (x1 + x2) / 2.0, bend + 26.0);
    }
    // Back a column: from the box's bottom to the earlier box's bottom, below both.
    let (bx1, by1) = (left(from) + BOX_W * 0.3, top(from) + BOX_H);
    let (bx2, by2) = (left(to) + BOX_W * 0.7, top(to) + BOX_H);
    let bend = by1.max(by2) + 40.0;
    let d = format!("M{bx1},{by1} C{bx1},{bend} {bx2},{bend} {bx2},{by2}");
    (d, (bx1 + bx2) / 2.0, bend - 8.0)
}

/// The steps an edge stands for, once each: "cancel", "claim".
fn label(edge: &Edge) -> String {
    let mut names: Vec<&str> = Vec::new();
    for step in &edge.steps {
        if !names.contains(&step.label()) {
            names.push(step.label());
        }
    }
    if edge.from.is_none() {
        names.push("scan");
    }
    names.join(" · ")
}

/// The graph, with each state's `count` (none: not shown), the edges `lit` (by index in
/// [`Graph::edges`]) and the states `marked`.
#[component]
pub fn WorkflowGraph(
    #[prop(into)] count: Callback<OrderState, Option<u32>>,
    #[prop(into)] lit: Signal<Vec<usize>>,
    #[prop(into)] marked: Signal<Vec<OrderState>>,
    title: String,
) -> impl IntoView {
    let graph = Graph::workflow();
    let columns = graph.nodes.iter().map(|n| n.column).max().unwrap_or(0) + 1;
    let rows = graph.nodes.iter().map(|n| n.row).max().unwrap_or(0) + 1;
    let width = START + MARGIN * 2.0 + (columns - 1) as f64 * COLUMN + BOX_W;
    let height = TOP + MARGIN + (rows - 1) as f64 * ROW + BOX_H;
    let t = i18n::customer();
    let edges = graph
        .edges
        .iter()
        .enumerate()
        .map(|(at, edge)| {
            let (d, lx, ly) = path(&graph, edge);
            let is_lit = move || lit.with(|lit| lit.contains(&at));
            view! {
                <g class="how-edge" class:lit=is_lit>
                    <path d=d marker-end="url(#how-arrow)"/>
                    <text x=lx y=ly text-anchor="middle">{label(edge)}</text>
                </g>
            }
        })
        .collect_view();
    let nodes = graph
        .nodes
        .iter()
        .map(|&node| {
            let (x, y) = (left(node), top(node));
            let state = node.state;
            let is_marked = move || marked.with(|marked| marked.contains(&state));
            view! {
                <g class="how-node" class:open=state.is_open() class:marked=is_marked data-state=state.as_str()>
                    <rect x=x y=y width=BOX_W height=BOX_H rx="10"/>
                    <text x=x + BOX_W / 2.0 y=y + 23.0 text-anchor="middle" class="how-state">{(t.state)(state)}</text>
                    <text x=x + BOX_W / 2.0 y=y + 45.0 text-anchor="middle" class="how-count">
                        {move || count.run(state).map(|n| n.to_string()).unwrap_or_default()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let region = format!("{title}: scrolls sideways");
    view! {
        <div class="how-scroll" tabindex="0" role="region" aria-label=region>
        <svg class="how-graph" viewBox=format!("0 0 {width} {height}") role="img" aria-label=title>
            <defs>
                <marker id="how-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z"/>
                </marker>
            </defs>
            {edges}
            {nodes}
        </svg>
        </div>
    }
}
