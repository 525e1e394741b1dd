//! What the app tells a running layout to do (from its controls, a dragged node, a settings
//! change), as plain data, so the same commands drive a simulation on the page or in the
//! layout worker, where they arrive as messages.

use serde::{Deserialize, Serialize};

use super::{Mode, Settings, Simulation};

/// Alpha kept while a node is dragged, so its neighbours follow.
pub const DRAG_ALPHA_TARGET: f32 = 0.3;
/// Alpha the "reheat" control warms the layout to.
pub const REHEAT_ALPHA: f32 = 0.6;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Command {
    Pause,
    Resume,
    Reheat,
    SetMode {
        mode: Mode,
    },
    Pin {
        node: u32,
        x: f32,
        y: f32,
    },
    Unpin {
        node: u32,
    },
    /// A node drag starts (`true`) or ends (`false`).
    Drag {
        active: bool,
    },
    SetSettings {
        settings: Settings,
    },
}

impl Simulation {
    /// Carries out a command.
    pub fn apply(&mut self, command: &Command) {
        match command {
            Command::Pause => self.set_paused(true),
            Command::Resume => self.set_paused(false),
            Command::Reheat => {
                self.set_paused(false);
                self.release_anchors();
                self.reheat(REHEAT_ALPHA);
            }
            Command::SetMode { mode } => self.set_mode(*mode),
            Command::Pin { node, x, y } => self.pin(*node as usize, *x, *y),
            Command::Unpin { node } => {
                self.unpin(*node as usize);
                self.reheat(0.1);
            }
            Command::Drag { active } => {
                self.set_alpha_target(if *active { DRAG_ALPHA_TARGET } else { 0.0 });
                if *active {
                    self.reheat(DRAG_ALPHA_TARGET);
                }
            }
            Command::SetSettings { settings } => self.set_settings(*settings),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LayoutInput, Link};

    #[test]
    fn pause_stops_the_clock_and_commands_round_trip_as_json() {
        let input = LayoutInput {
            n_nodes: 3,
            links: vec![Link {
                source: 0,
                target: 1,
                weight: 1.0,
            }],
            ..LayoutInput::default()
        };
        let mut sim = Simulation::new(&input, Settings::infer(3, 1), 1);
        sim.apply(&Command::Pause);
        assert!(!sim.is_running());
        sim.apply(&Command::Reheat);
        assert!(sim.is_running());
        let command = Command::Pin {
            node: 2,
            x: 1.5,
            y: -2.0,
        };
        let json = serde_json::to_string(&command).unwrap();
        assert_eq!(serde_json::from_str::<Command>(&json).unwrap(), command);
        sim.apply(&command);
        assert!(sim.is_pinned(2));
    }
}
