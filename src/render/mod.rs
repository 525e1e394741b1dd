//! Renderers: each draws the stage's scene at its layout positions through the camera. No
//! graph logic lives here.

pub mod canvas2d;
