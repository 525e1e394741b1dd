//! Renderers: each draws the stage's scene at its layout positions through the camera. WebGL2
//! (instanced, `webgl.rs`) where the browser has it; else Canvas 2D for ordinary cases and a
//! budgeted software raster for big ones. Labels, link confidences and the selection box go on
//! an overlay canvas (`overlay.rs`) whichever draws, the minimap on its own (`minimap.rs`).
//! Colours per theme come from `palette.rs`. No graph logic lives here.

mod annotations;
pub mod canvas2d;
pub mod minimap;
pub mod overlay;
pub mod palette;
pub mod raster;
mod shaders;
pub mod webgl;
