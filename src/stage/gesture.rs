//! The pointer: one gesture at a time, told apart as it goes — a click (select), a pan, a
//! pinch (zoom about the fingers' middle), a node drag (pins the node where it is let go, as
//! an undoable view change) or a box (pick every node inside) — and the wheel's zoom. Screen
//! positions in CSS pixels; the camera turns them into the world's.

use std::collections::BTreeMap;

use hopscope_core::layout::Command;

use super::{Stage, CLICK_SLOP_PX};

/// A pointer gesture in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum Gesture {
    #[default]
    Idle,
    /// One pointer down: a click if it barely moves, a pan otherwise.
    Press {
        id: i32,
        start: [f32; 2],
        last: [f32; 2],
        moved: bool,
    },
    /// Two pointers down: pinch zoom and pan.
    Pinch { pointers: BTreeMap<i32, [f32; 2]> },
    /// A node dragged (and pinned where it is let go).
    DragNode { id: i32, node: usize },
    /// A box drawn (shift-drag on empty canvas): the nodes inside are picked on release.
    Boxing {
        id: i32,
        start: [f32; 2],
        now: [f32; 2],
    },
}

impl Gesture {
    /// What a pinch becomes when one pointer lifts: still a pinch with two or more left, a
    /// pan (never a click) with one, nothing with none.
    pub(super) fn after_lifting(mut pointers: BTreeMap<i32, [f32; 2]>, id: i32) -> Gesture {
        pointers.remove(&id);
        let first = pointers.iter().next().map(|(&rest, &at)| (rest, at));
        match (pointers.len(), first) {
            (1, Some((rest, at))) => Gesture::Press {
                id: rest,
                start: at,
                last: at,
                moved: true,
            },
            (0, _) | (_, None) => Gesture::Idle,
            _ => Gesture::Pinch { pointers },
        }
    }
}

impl Stage {
    pub fn pointer_down(&mut self, id: i32, pos: [f32; 2]) {
        self.gesture = match std::mem::take(&mut self.gesture) {
            Gesture::Press {
                id: first, last, ..
            } if first != id => Gesture::Pinch {
                pointers: BTreeMap::from([(first, last), (id, pos)]),
            },
            Gesture::Pinch { mut pointers } => {
                pointers.insert(id, pos);
                Gesture::Pinch { pointers }
            }
            _ => Gesture::Press {
                id,
                start: pos,
                last: pos,
                moved: false,
            },
        };
    }

    /// A press with shift: on a node, as any press (a shift-click picks it); on empty canvas,
    /// starts a box whose nodes are picked on release.
    pub fn pointer_down_boxing(&mut self, id: i32, pos: [f32; 2]) {
        if matches!(self.gesture, Gesture::Idle) && self.node_at(pos).is_none() {
            self.gesture = Gesture::Boxing {
                id,
                start: pos,
                now: pos,
            };
        } else {
            self.pointer_down(id, pos);
        }
    }

    /// The box being drawn (two screen corners), if any.
    pub fn box_rect(&self) -> Option<([f32; 2], [f32; 2])> {
        match self.gesture {
            Gesture::Boxing { start, now, .. } => Some((start, now)),
            _ => None,
        }
    }

    /// The world point under a screen point.
    fn world_at(&self, pos: [f32; 2]) -> [f32; 2] {
        self.camera.world_from_screen(pos)
    }

    pub fn pointer_move(&mut self, id: i32, pos: [f32; 2]) {
        // A press that started on a node and moves drags the node, not the picture.
        if let Gesture::Press {
            id: pid,
            start,
            moved: false,
            ..
        } = self.gesture
        {
            if pid == id && !self.locked && distance(start, pos) > CLICK_SLOP_PX {
                if let Some(node) = self.node_at(start) {
                    self.gesture = Gesture::DragNode { id, node };
                    self.command(Command::Drag { active: true });
                    self.drag_to(node, pos);
                    return;
                }
            }
        }
        match &mut self.gesture {
            Gesture::Press {
                id: pid,
                start,
                last,
                moved,
            } if *pid == id => {
                if !*moved && distance(*start, pos) > CLICK_SLOP_PX {
                    *moved = true;
                }
                if *moved {
                    self.camera.pan_by([pos[0] - last[0], pos[1] - last[1]]);
                    self.follow_layout = false;
                    self.dirty = true;
                }
                *last = pos;
            }
            Gesture::DragNode { id: pid, node } if *pid == id => {
                let node = *node;
                self.drag_to(node, pos);
            }
            Gesture::Boxing { id: pid, now, .. } if *pid == id => {
                *now = pos;
                self.dirty = true;
            }
            Gesture::Pinch { pointers } if pointers.contains_key(&id) => {
                let before: Vec<[f32; 2]> = pointers.values().copied().collect();
                pointers.insert(id, pos);
                let after: Vec<[f32; 2]> = pointers.values().copied().collect();
                if let ([a0, b0, ..], [a1, b1, ..]) = (before.as_slice(), after.as_slice()) {
                    let (mid0, mid1) = (midpoint(*a0, *b0), midpoint(*a1, *b1));
                    let (d0, d1) = (distance(*a0, *b0), distance(*a1, *b1));
                    if d0 > 1.0 {
                        self.camera.zoom_at(mid0, d1 / d0);
                    }
                    self.camera.pan_by([mid1[0] - mid0[0], mid1[1] - mid0[1]]);
                    self.follow_layout = false;
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

    /// Pins a dragged node under the pointer.
    fn drag_to(&mut self, node: usize, pos: [f32; 2]) {
        self.moved += 1;
        let [x, y] = self.world_at(pos);
        self.command(Command::Pin {
            node: node as u32,
            x,
            y,
        });
        self.layout.show_dragged(node, [x, y]);
    }

    /// Ends a pointer; returns true when it was a click (or a drag) that changed the
    /// selection. A dragged node stays pinned where it was let go, and is selected.
    pub fn pointer_up(&mut self, id: i32, pos: [f32; 2]) -> bool {
        match std::mem::take(&mut self.gesture) {
            Gesture::DragNode { id: pid, node } if pid == id => {
                self.command(Command::Drag { active: false });
                // The pin is a view change, so it can be undone.
                if let Some(address) = self.scene.nodes.get(node).map(|n| n.id) {
                    self.change_view(|v, _| v.set_pinned(address, true));
                }
                let changed = self.selected != Some(node);
                self.selected = Some(node);
                self.rev.view_changed();
                self.dirty = true;
                changed
            }
            Gesture::Press {
                id: pid,
                moved: false,
                ..
            } if pid == id => {
                let hit = self.node_at(pos);
                // Off the nodes, a click on a dashed link explains it.
                let link = if hit.is_none() {
                    self.link_at(pos)
                } else {
                    None
                };
                let changed = hit != self.selected || link != self.explained;
                self.selected = hit;
                self.explained = link;
                if changed {
                    self.rev.view_changed();
                }
                self.dirty |= changed;
                changed
            }
            Gesture::Pinch { pointers } => {
                self.gesture = Gesture::after_lifting(pointers, id);
                false
            }
            Gesture::Boxing { id: pid, start, .. } if pid == id => {
                self.pick_box(start, pos);
                false
            }
            _ => false,
        }
    }

    /// Forgets a pointer the browser took away (e.g. for a system gesture); never a click.
    pub fn pointer_cancel(&mut self, id: i32) {
        match std::mem::take(&mut self.gesture) {
            Gesture::Pinch { pointers } => self.gesture = Gesture::after_lifting(pointers, id),
            Gesture::Press { id: pid, .. } | Gesture::Boxing { id: pid, .. } if pid == id => {
                self.dirty = true
            }
            Gesture::DragNode { id: pid, .. } if pid == id => {
                self.command(Command::Drag { active: false })
            }
            other => self.gesture = other,
        }
    }

    pub fn wheel(&mut self, pos: [f32; 2], delta_y: f32) {
        let factor = (-delta_y * 0.0015).clamp(-1.0, 1.0).exp();
        self.camera.zoom_at(pos, factor);
        self.follow_layout = false;
        self.dirty = true;
    }
}

pub(super) fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn midpoint(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}
