//! The layout host: where the force layout of the open case runs (a `Simulation` ticked on the
//! page, or the layout worker, whose latest positions it keeps), and what the layout must be
//! told — commands waiting in an outbox for the worker, a reshape to a changed scene, new
//! settings, saved positions to start from — with the pause, mode, settings and pins the
//! layout controls show. One job: it knows nothing of the case, the camera or the pointer; the
//! `Stage` asks it for positions and tells it what changed.

use hopscope_core::layout::{Command, LayoutInput, Mode, Settings, Simulation};

/// Where the layout runs.
pub(super) enum Engine {
    /// On the page, ticked each frame.
    Local(Box<Simulation>),
    /// In the layout worker; the latest positions it sent for layout `generation`.
    Remote {
        positions: Vec<f32>,
        settled: bool,
        generation: u32,
    },
}

/// What the layout controls show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutStatus {
    pub paused: bool,
    pub mode: Mode,
    pub settled: bool,
}

pub(super) struct LayoutHost {
    pub(super) engine: Engine,
    pub(super) paused: bool,
    pub(super) mode: Mode,
    pub(super) settings: Settings,
    /// The user set the layout's settings (else they follow the size of what is shown).
    settings_chosen: bool,
    /// Settings changed with the size of the view, not yet sent to the worker.
    settings_changed: bool,
    pub(super) pinned: Vec<bool>,
    /// Commands for a layout running in the worker, to be sent by the app.
    outbox: Vec<Command>,
    /// For a layout in the worker: how the new scene's nodes map onto the old (-1: new), to be
    /// sent with the next load.
    reshape: Option<Vec<i32>>,
    /// Saved positions the layout started from (NaN: none saved), which the worker must be
    /// given.
    restored_start: Option<Vec<f32>>,
}

impl LayoutHost {
    /// A layout on the page, from `simulation`, with its pins and the saved start (if any).
    pub(super) fn new(
        simulation: Simulation,
        settings: Settings,
        mode: Mode,
        pinned: Vec<bool>,
        restored_start: Option<Vec<f32>>,
    ) -> LayoutHost {
        LayoutHost {
            engine: Engine::Local(Box::new(simulation)),
            paused: false,
            mode,
            settings,
            settings_chosen: false,
            settings_changed: false,
            pinned,
            outbox: Vec::new(),
            reshape: None,
            restored_start,
        }
    }

    /// Hands the layout to the worker (or, if it is there already, expects its answers) for
    /// `generation`.
    pub(super) fn go_remote(&mut self, generation: u32) {
        match &mut self.engine {
            Engine::Remote {
                generation: current,
                settled,
                ..
            } => {
                *current = generation;
                *settled = false;
            }
            Engine::Local(sim) => {
                let positions = sim.positions().to_vec();
                self.engine = Engine::Remote {
                    positions,
                    settled: false,
                    generation,
                };
            }
        }
        self.outbox.clear();
    }

    /// Takes the layout back onto the page (the worker stopped), from where it was, with
    /// `input` the scene's layout input and `seed` the layout seed.
    pub(super) fn go_local(&mut self, input: &LayoutInput, seed: u64) {
        if let Engine::Remote { positions, .. } = &self.engine {
            let mut sim = Simulation::new(input, self.settings, seed);
            sim.warm_start(positions);
            sim.set_mode(self.mode);
            sim.set_paused(self.paused);
            for (i, _) in self.pinned.iter().enumerate().filter(|(_, p)| **p) {
                let (x, y) = (positions[2 * i], positions[2 * i + 1]);
                sim.pin(i, x, y);
            }
            self.engine = Engine::Local(Box::new(sim));
        }
        self.outbox.clear();
    }

    /// Positions from the worker; false (ignored) when they are for another layout.
    pub(super) fn remote_positions(
        &mut self,
        generation: u32,
        settled: bool,
        new: Vec<f32>,
    ) -> bool {
        if let Engine::Remote {
            positions,
            settled: was,
            generation: current,
        } = &mut self.engine
        {
            if *current == generation && new.len() == positions.len() {
                *positions = new;
                *was = settled;
                return true;
            }
        }
        false
    }

    /// Tells the layout to do something: at once on the page, or through the outbox.
    pub(super) fn command(&mut self, command: Command) {
        match &command {
            Command::Pause => self.paused = true,
            Command::Resume | Command::Reheat => self.paused = false,
            Command::SetMode { mode } => self.mode = *mode,
            Command::Pin { node, .. } => {
                if let Some(p) = self.pinned.get_mut(*node as usize) {
                    *p = true;
                }
            }
            Command::Unpin { node } => {
                if let Some(p) = self.pinned.get_mut(*node as usize) {
                    *p = false;
                }
            }
            Command::SetSettings { settings } => {
                self.settings = *settings;
                self.settings_chosen = true;
            }
            Command::Drag { .. } => {}
        }
        match &mut self.engine {
            Engine::Local(sim) => sim.apply(&command),
            Engine::Remote { settled, .. } => {
                if !matches!(command, Command::Pause) {
                    *settled = false;
                }
                self.outbox.push(command);
            }
        }
    }

    /// Shows a node dragged in a worker's layout under the pointer before the worker answers
    /// (the pin itself goes as a command).
    pub(super) fn show_dragged(&mut self, node: usize, at: [f32; 2]) {
        if let Engine::Remote { positions, .. } = &mut self.engine {
            if let Some(p) = positions.get_mut(2 * node..2 * node + 2) {
                p.copy_from_slice(&at);
            }
        }
    }

    /// Commands waiting for the worker.
    pub(super) fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.outbox)
    }

    pub(super) fn is_pinned(&self, node: usize) -> bool {
        self.pinned.get(node).copied().unwrap_or(false)
    }

    pub(super) fn is_remote(&self) -> bool {
        matches!(self.engine, Engine::Remote { .. })
    }

    /// Ticks a page layout that runs (`runs`: the case is small enough to animate) `ticks`
    /// times; true when positions moved.
    pub(super) fn tick(&mut self, runs: bool, ticks: usize) -> bool {
        match &mut self.engine {
            Engine::Local(sim) if sim.is_running() && runs => {
                for _ in 0..ticks {
                    sim.tick();
                }
                true
            }
            _ => false,
        }
    }

    /// Whether the picture is still: the layout rested or is paused, or does not run.
    pub(super) fn is_at_rest(&self, runs: bool) -> bool {
        match &self.engine {
            Engine::Local(sim) => !sim.is_running() || !runs,
            Engine::Remote { settled, .. } => *settled || self.paused,
        }
    }

    pub(super) fn positions(&self) -> &[f32] {
        match &self.engine {
            Engine::Local(sim) => sim.positions(),
            Engine::Remote { positions, .. } => positions,
        }
    }

    /// Follows a changed scene keyed by node: `keep[i]` is the old index of new node `i`
    /// (`None`: new), `input` its layout input, `placed` where a remote layout shows each new
    /// node until the worker answers. Settings follow the size unless the user chose them.
    pub(super) fn reshape(
        &mut self,
        input: &LayoutInput,
        keep: &[Option<u32>],
        placed: impl FnOnce() -> Vec<f32>,
    ) {
        let old_pinned = std::mem::take(&mut self.pinned);
        self.pinned = keep
            .iter()
            .map(|k| k.is_some_and(|k| old_pinned.get(k as usize).copied().unwrap_or(false)))
            .collect();
        if !self.settings_chosen {
            let inferred = Settings::infer(input.n_nodes, input.links.len());
            self.settings_changed |= inferred != self.settings;
            self.settings = inferred;
        }
        match &mut self.engine {
            Engine::Local(sim) => {
                if *sim.settings() != self.settings {
                    sim.set_settings(self.settings);
                }
                self.settings_changed = false;
                sim.reshape(input, keep);
            }
            Engine::Remote {
                positions, settled, ..
            } => {
                *positions = placed();
                *settled = false;
                self.reshape = Some(keep.iter().map(|k| k.map_or(-1, |k| k as i32)).collect());
            }
        }
    }

    /// How the worker must reshape its layout to the new scene, once (`None`: it need not).
    pub(super) fn take_reshape(&mut self) -> Option<Vec<i32>> {
        self.reshape.take()
    }

    /// New settings the worker must be sent, once (they follow the size of what is shown).
    pub(super) fn take_settings_change(&mut self) -> Option<Settings> {
        std::mem::take(&mut self.settings_changed).then_some(self.settings)
    }

    /// The saved positions the layout started from, once.
    pub(super) fn take_restored(&mut self) -> Option<Vec<f32>> {
        self.restored_start.take()
    }
}
