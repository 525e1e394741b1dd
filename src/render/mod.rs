//! Renderers: each draws the stage's scene at its layout positions through the camera:
//! Canvas 2D for ordinary cases, a budgeted software raster for big ones. No graph logic
//! lives here.

pub mod canvas2d;
pub mod raster;
