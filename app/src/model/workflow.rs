//! The order workflow as a graph, read from its transition table ([`Step::next`]), never
//! drawn by hand: its states placed in columns by how far into the workflow they lie, and
//! its transitions with the steps that take them.

use super::{OrderState, Step};

/// A state's place: its column (how many forward steps it is from the start at most) and
/// its row within that column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub state: OrderState,
    pub column: usize,
    pub row: usize,
}

/// A transition: `from` (none: the order's start, with the booth's code) to `to`, by
/// `steps`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: Option<OrderState>,
    pub to: OrderState,
    pub steps: Vec<Step>,
}

impl Edge {
    /// Whether an order takes this transition when `step` leads it to `to`.
    pub fn taken_by(&self, step: Option<Step>, to: OrderState) -> bool {
        self.to == to
            && match step {
                Some(step) => self.steps.contains(&step),
                None => self.from.is_none(),
            }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The workflow's graph, from [`Step::ALL`] and [`Step::next`].
    pub fn workflow() -> Self {
        let mut edges = vec![Edge {
            from: None,
            to: OrderState::AwaitingDrink,
            steps: Vec::new(),
        }];
        for from in OrderState::ALL {
            for step in Step::ALL {
                let Some(to) = step.next(from) else { continue };
                match edges
                    .iter_mut()
                    .find(|edge| edge.from == Some(from) && edge.to == to)
                {
                    Some(edge) => edge.steps.push(step),
                    None => edges.push(Edge {
                        from: Some(from),
                        to,
                        steps: vec![step],
                    }),
                }
            }
        }
        // Columns: the longest path of forward transitions (to a state later in the
        // workflow's order) from the start.
        let at = |state: OrderState| {
            OrderState::ALL
                .iter()
                .position(|s| *s == state)
                .expect("a state")
        };
        let mut column = [0usize; OrderState::ALL.len()];
        for _ in OrderState::ALL {
            for edge in &edges {
                if let Some(from) = edge.from.filter(|from| at(edge.to) > at(*from)) {
                    column[at(edge.to)] = column[at(edge.to)].max(column[at(from)] + 1);
                }
            }
        }
        let mut rows = [0usize; OrderState::ALL.len()];
        let nodes = OrderState::ALL
            .into_iter()
            .map(|state| {
                let column = column[at(state)];
                let row = rows[column];
                rows[column] += 1;
                Node { state, column, row }
            })
            .collect();
        Self { nodes, edges }
    }

    pub fn node(&self, state: OrderState) -> Node {
        *self
            .nodes
            .iter()
            .find(|node| node.state == state)
            .expect("every state is a node")
    }
}

impl Step {
    /// The step's short name, for the graph's arrows.
    pub fn label(self) -> &'static str {
        match self {
            Self::ChooseDrink => "choose",
            Self::Claim => "claim",
            Self::Release => "release",
            Self::Complete => "complete",
            Self::Recall => "recall",
            Self::PickUp => "hand over",
            Self::Cancel(_) => "cancel",
            Self::TimeOut => "time out",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Canceller;
    use OrderState::*;

    #[test]
    fn the_graph_is_the_transition_table() {
        let graph = Graph::workflow();
        // Every transition of the table is an edge, and no edge is not one.
        for from in OrderState::ALL {
            for step in Step::ALL {
                if let Some(to) = step.next(from) {
                    assert!(graph.edges.iter().any(|edge| edge.from == Some(from)
                        && edge.to == to
                        && edge.steps.contains(&step)));
                }
            }
        }
        for edge in &graph.edges {
            if let Some(from) = edge.from {
                assert!(
                    edge.steps
                        .iter()
                        .all(|step| step.next(from) == Some(edge.to))
                );
            }
        }
        let cancel = graph
            .edges
            .iter()
            .find(|edge| edge.from == Some(Queued) && edge.to == Cancelled)
            .expect("a cancel");
        assert_eq!(
            cancel.steps,
            [
                Step::Cancel(Canceller::Customer),
                Step::Cancel(Canceller::Staff)
            ]
        );
    }

    #[test]
    fn states_stand_in_the_order_an_order_meets_them() {
        let graph = Graph::workflow();
        let column = |state| graph.node(state).column;
        assert_eq!(column(AwaitingDrink), 0);
        assert_eq!(column(Queued), 1);
        assert_eq!(column(Making), 2);
        // Every way out ends in the last column, one above the other.
        for end in [Ready, Cancelled, TimedOut] {
            assert_eq!(column(end), 3);
        }
        assert_eq!(
            [Ready, Cancelled, TimedOut].map(|state| graph.node(state).row),
            [0, 1, 2]
        );
    }
}
