//! WebGL2 renderer for nodes and edges: instanced draws, no per-vertex buffers. Positions
//! go up once per frame, as a float texture the shaders read by node index (`texelFetch`), so
//! a pan or a layout tick costs one upload; node and edge styles (colour, width, rings, dash,
//! dimming) go up only when the scene, the selection, the focus or the theme change. Each
//! edge is one instance of nine vertices (a shaft quad and an arrowhead); inferred links use
//! the same program, dashed in the fragment shader; each node is one quad whose fragment
//! shader draws fill, outline, traced share, rings and a pool's dashed rim. Labels are not
//! drawn here but on the overlay (`overlay.rs`).

use hopscope_core::emphasis::Tone;
use hopscope_core::infer::LinkKind;
use hopscope_core::style::link_colour;
use wasm_bindgen::JsCast;
use web_sys::{
    WebGl2RenderingContext as Gl, WebGlBuffer, WebGlProgram, WebGlShader, WebGlTexture,
    WebGlUniformLocation, WebGlVertexArrayObject,
};

use super::palette::{rgb, Palette};
use super::shaders::{EDGE_FS, EDGE_VS, NODE_FS, NODE_VS};
use crate::stage::Stage;

/// Width of the positions texture (texels); rows grow with the node count.
const TEX_W: usize = 2048;
/// Words per edge instance: source, target, width, rim, colour, flags, minimum width.
const EDGE_WORDS: usize = 7;
/// Words per node instance: radius, traced share, flags, fill, ring, band colour.
const NODE_WORDS: usize = 6;
/// From this many nodes on, nodes are drawn small when zoomed out (as the raster did).
const BIG_GRAPH: usize = 20_000;

/// What the style buffers were built from; a new key rebuilds them.
#[derive(Clone, Debug, Default, PartialEq)]
struct StyleKey {
    stage: u64,
    palette: Option<&'static str>,
}

/// The GL objects, built once per canvas.
pub struct WebGl {
    gl: Gl,
    edges: Program,
    nodes: Program,
    edge_buffer: WebGlBuffer,
    link_buffer: WebGlBuffer,
    node_buffer: WebGlBuffer,
    edge_vao: WebGlVertexArrayObject,
    link_vao: WebGlVertexArrayObject,
    node_vao: WebGlVertexArrayObject,
    positions: WebGlTexture,
    /// Rows the texture has room for.
    rows: usize,
    /// Positions padded to whole texture rows.
    staging: Vec<f32>,
    words: Vec<u32>,
    n_edges: i32,
    n_links: i32,
    n_nodes: i32,
    style: StyleKey,
}

struct Program {
    program: WebGlProgram,
    center: Option<WebGlUniformLocation>,
    zoom: Option<WebGlUniformLocation>,
    size: Option<WebGlUniformLocation>,
    pos: Option<WebGlUniformLocation>,
}

impl Program {
    fn new(gl: &Gl, vs: &str, fs: &str) -> Result<Program, String> {
        let program = link(gl, vs, fs)?;
        let at = |name: &str| gl.get_uniform_location(&program, name);
        Ok(Program {
            center: at("u_center"),
            zoom: at("u_zoom"),
            size: at("u_size"),
            pos: at("u_pos"),
            program,
        })
    }
}

fn compile(gl: &Gl, kind: u32, source: &str) -> Result<WebGlShader, String> {
    let shader = gl.create_shader(kind).ok_or("cannot create a shader")?;
    gl.shader_source(&shader, source);
    gl.compile_shader(&shader);
    if gl
        .get_shader_parameter(&shader, Gl::COMPILE_STATUS)
        .as_bool()
        .unwrap_or(false)
    {
        Ok(shader)
    } else {
        Err(gl.get_shader_info_log(&shader).unwrap_or_default())
    }
}

fn link(gl: &Gl, vs: &str, fs: &str) -> Result<WebGlProgram, String> {
    let program = gl.create_program().ok_or("cannot create a program")?;
    gl.attach_shader(&program, &compile(gl, Gl::VERTEX_SHADER, vs)?);
    gl.attach_shader(&program, &compile(gl, Gl::FRAGMENT_SHADER, fs)?);
    gl.link_program(&program);
    if gl
        .get_program_parameter(&program, Gl::LINK_STATUS)
        .as_bool()
        .unwrap_or(false)
    {
        Ok(program)
    } else {
        Err(gl.get_program_info_log(&program).unwrap_or_default())
    }
}

/// A colour as the four bytes of a packed attribute.
fn pack(hex: &str, alpha: f32) -> u32 {
    let [r, g, b] = rgb(hex);
    u32::from_le_bytes([r, g, b, (alpha.clamp(0.0, 1.0) * 255.0).round() as u8])
}

fn float3(hex: &str) -> [f32; 3] {
    let [r, g, b] = rgb(hex);
    [r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0]
}

/// What a throwaway canvas says about WebGL2 here: `Ok(name)` of the graphics device (as the
/// browser reports it) once the renderer's shaders compiled there, or why WebGL2 cannot be
/// used. Probing on a canvas of its own matters: a canvas that gave out a WebGL context can
/// never give a 2D one, so the real canvas is only asked once WebGL2 is known to work.
pub fn probe() -> Result<String, String> {
    let canvas: web_sys::HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no canvas")?;
    let probe = WebGl::new(&canvas)?;
    let gl = &probe.gl;
    /// `UNMASKED_RENDERER_WEBGL` of `WEBGL_debug_renderer_info`.
    const UNMASKED_RENDERER: u32 = 0x9246;
    let unmasked = gl
        .get_extension("WEBGL_debug_renderer_info")
        .ok()
        .flatten()
        .and_then(|_| gl.get_parameter(UNMASKED_RENDERER).ok())
        .and_then(|v| v.as_string());
    let name = unmasked
        .or_else(|| {
            gl.get_parameter(Gl::RENDERER)
                .ok()
                .and_then(|v| v.as_string())
        })
        .unwrap_or_default();
    if let Some(lose) = gl
        .get_extension("WEBGL_lose_context")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::WebglLoseContext>().ok())
    {
        lose.lose_context();
    }
    Ok(name)
}

/// Whether a device name is a software rasteriser, where WebGL2 draws big graphs far slower
/// than the page's own raster (SwiftShader took 2 s for 200,000 edges on our 2-core machines).
pub fn is_software(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "swiftshader",
        "llvmpipe",
        "softpipe",
        "software",
        "basic render",
    ]
    .iter()
    .any(|s| name.contains(s))
}

impl WebGl {
    /// The renderer for a canvas, or why WebGL2 cannot be used there.
    pub fn new(canvas: &web_sys::HtmlCanvasElement) -> Result<WebGl, String> {
        let gl = canvas
            .get_context("webgl2")
            .map_err(|_| "WebGL2 refused".to_owned())?
            .ok_or("no WebGL2")?
            .dyn_into::<Gl>()
            .map_err(|_| "not a WebGL2 context".to_owned())?;
        let edges = Program::new(&gl, EDGE_VS, EDGE_FS)?;
        let nodes = Program::new(&gl, NODE_VS, NODE_FS)?;
        let buffer = || gl.create_buffer().ok_or("cannot create a buffer");
        let (edge_buffer, link_buffer, node_buffer) = (buffer()?, buffer()?, buffer()?);
        let vao = || {
            gl.create_vertex_array()
                .ok_or("cannot create a vertex array")
        };
        let (edge_vao, link_vao, node_vao) = (vao()?, vao()?, vao()?);
        for (array, buf) in [(&edge_vao, &edge_buffer), (&link_vao, &link_buffer)] {
            gl.bind_vertex_array(Some(array));
            gl.bind_buffer(Gl::ARRAY_BUFFER, Some(buf));
            let stride = (EDGE_WORDS * 4) as i32;
            gl.enable_vertex_attrib_array(0);
            gl.vertex_attrib_i_pointer_with_i32(0, 2, Gl::UNSIGNED_INT, stride, 0);
            for (loc, offset) in [(1, 8), (2, 12), (4, 20), (5, 24)] {
                gl.enable_vertex_attrib_array(loc);
                gl.vertex_attrib_pointer_with_i32(loc, 1, Gl::FLOAT, false, stride, offset);
            }
            gl.enable_vertex_attrib_array(3);
            gl.vertex_attrib_pointer_with_i32(3, 4, Gl::UNSIGNED_BYTE, true, stride, 16);
            for loc in 0..6 {
                gl.vertex_attrib_divisor(loc, 1);
            }
        }
        gl.bind_vertex_array(Some(&node_vao));
        gl.bind_buffer(Gl::ARRAY_BUFFER, Some(&node_buffer));
        let stride = (NODE_WORDS * 4) as i32;
        for (loc, offset) in [(0, 0), (1, 4), (2, 8)] {
            gl.enable_vertex_attrib_array(loc);
            gl.vertex_attrib_pointer_with_i32(loc, 1, Gl::FLOAT, false, stride, offset);
        }
        for (loc, offset) in [(3, 12), (4, 16), (5, 20)] {
            gl.enable_vertex_attrib_array(loc);
            gl.vertex_attrib_pointer_with_i32(loc, 4, Gl::UNSIGNED_BYTE, true, stride, offset);
        }
        for loc in 0..6 {
            gl.vertex_attrib_divisor(loc, 1);
        }
        gl.bind_vertex_array(None);
        let positions = gl.create_texture().ok_or("cannot create a texture")?;
        gl.bind_texture(Gl::TEXTURE_2D, Some(&positions));
        for (p, v) in [
            (Gl::TEXTURE_MIN_FILTER, Gl::NEAREST),
            (Gl::TEXTURE_MAG_FILTER, Gl::NEAREST),
            (Gl::TEXTURE_WRAP_S, Gl::CLAMP_TO_EDGE),
            (Gl::TEXTURE_WRAP_T, Gl::CLAMP_TO_EDGE),
        ] {
            gl.tex_parameteri(Gl::TEXTURE_2D, p, v as i32);
        }
        Ok(WebGl {
            gl,
            edges,
            nodes,
            edge_buffer,
            link_buffer,
            node_buffer,
            edge_vao,
            link_vao,
            node_vao,
            positions,
            rows: 0,
            staging: Vec::new(),
            words: Vec::new(),
            n_edges: 0,
            n_links: 0,
            n_nodes: 0,
            style: StyleKey::default(),
        })
    }

    /// Draws the stage: `px` is the canvas size in device pixels, `dpr` device pixels per CSS
    /// pixel.
    pub fn draw(&mut self, stage: &Stage, palette: &Palette, px: [u32; 2], dpr: f32) {
        let key = StyleKey {
            stage: stage.style_key(),
            palette: Some(palette.background),
        };
        if key != self.style {
            self.upload_styles(stage, palette);
            self.style = key;
        }
        self.upload_positions(stage.positions());
        let gl = &self.gl;
        gl.viewport(0, 0, px[0] as i32, px[1] as i32);
        let [r, g, b] = float3(palette.background);
        gl.clear_color(r, g, b, 1.0);
        gl.clear(Gl::COLOR_BUFFER_BIT);
        gl.enable(Gl::BLEND);
        gl.blend_func(Gl::ONE, Gl::ONE_MINUS_SRC_ALPHA);
        gl.active_texture(Gl::TEXTURE0);
        gl.bind_texture(Gl::TEXTURE_2D, Some(&self.positions));

        // Everything in device pixels: the camera's CSS pixels times `dpr`.
        let cam = &stage.camera;
        let zoom = cam.zoom * dpr;
        let size = [px[0] as f32, px[1] as f32];
        for program in [&self.edges, &self.nodes] {
            gl.use_program(Some(&program.program));
            gl.uniform2f(program.center.as_ref(), cam.center[0], cam.center[1]);
            gl.uniform1f(program.zoom.as_ref(), zoom);
            gl.uniform2f(program.size.as_ref(), size[0], size[1]);
            gl.uniform1i(program.pos.as_ref(), 0);
        }
        gl.use_program(Some(&self.edges.program));
        gl.uniform1f(
            gl.get_uniform_location(&self.edges.program, "u_dpr")
                .as_ref(),
            dpr,
        );
        gl.bind_vertex_array(Some(&self.edge_vao));
        gl.draw_arrays_instanced(Gl::TRIANGLES, 0, 9, self.n_edges);
        gl.bind_vertex_array(Some(&self.link_vao));
        gl.draw_arrays_instanced(Gl::TRIANGLES, 0, 9, self.n_links);

        gl.use_program(Some(&self.nodes.program));
        let at = |name: &str| gl.get_uniform_location(&self.nodes.program, name);
        let big = stage.scene.nodes.len() >= BIG_GRAPH;
        let (min_r, max_r) = if big {
            (1.0 * dpr, 6.0 * dpr)
        } else {
            (2.5 * dpr, 1.0e6)
        };
        gl.uniform2f(at("u_radius_px").as_ref(), min_r, max_r);
        let set3 = |name: &str, hex: &str| {
            let [r, g, b] = float3(hex);
            gl.uniform3f(at(name).as_ref(), r, g, b);
        };
        gl.uniform1f(at("u_dpr").as_ref(), dpr);
        set3("u_outline", palette.outline);
        set3("u_traced", palette.traced);
        set3("u_pool", link_colour(LinkKind::Demix));
        gl.bind_vertex_array(Some(&self.node_vao));
        gl.draw_arrays_instanced(Gl::TRIANGLES, 0, 6, self.n_nodes);
        gl.bind_vertex_array(None);
    }

    /// The one upload per frame: positions into the texture, grown to whole rows.
    fn upload_positions(&mut self, positions: &[f32]) {
        let n = positions.len() / 2;
        let rows = n.div_ceil(TEX_W).max(1);
        self.staging.clear();
        self.staging.extend_from_slice(&positions[..2 * n]);
        self.staging.resize(2 * TEX_W * rows, f32::NAN);
        let gl = &self.gl;
        gl.bind_texture(Gl::TEXTURE_2D, Some(&self.positions));
        // SAFETY: the view is used at once, before anything else can allocate.
        let view = unsafe { js_sys::Float32Array::view(&self.staging) };
        if rows != self.rows {
            let _ = gl.tex_image_2d_with_i32_and_i32_and_i32_and_format_and_type_and_opt_array_buffer_view(
                Gl::TEXTURE_2D,
                0,
                Gl::RG32F as i32,
                TEX_W as i32,
                rows as i32,
                0,
                Gl::RG,
                Gl::FLOAT,
                Some(&view),
            );
            self.rows = rows;
        } else {
            let _ = gl
                .tex_sub_image_2d_with_i32_and_i32_and_u32_and_type_and_opt_array_buffer_view(
                    Gl::TEXTURE_2D,
                    0,
                    0,
                    0,
                    TEX_W as i32,
                    rows as i32,
                    Gl::RG,
                    Gl::FLOAT,
                    Some(&view),
                );
        }
    }

    /// Builds and uploads the instance data of edges, links and nodes.
    fn upload_styles(&mut self, stage: &Stage, palette: &Palette) {
        let scene = &stage.scene;
        let emphasis = &stage.emphasis;
        let dim = |tone: Tone| match tone {
            Tone::Dim => palette.dim,
            Tone::Hidden => 0.0,
            _ => 1.0,
        };

        // Edges go up a piece at a time into a buffer sized for all of them, so a million
        // edges never stand as one 28 MB list in wasm memory beside the scene.
        let words = &mut self.words;
        let gl = &self.gl;
        gl.bind_buffer(Gl::ARRAY_BUFFER, Some(&self.edge_buffer));
        gl.buffer_data_with_i32(
            Gl::ARRAY_BUFFER,
            (scene.edges.len() * EDGE_WORDS * 4).min(i32::MAX as usize) as i32,
            Gl::STATIC_DRAW,
        );
        for (piece, edges) in scene.edges.chunks(EDGES_PER_UPLOAD).enumerate() {
            words.clear();
            for (j, e) in edges.iter().enumerate() {
                let k = piece * EDGES_PER_UPLOAD + j;
                let on_path = stage.is_highlighted_edge(k);
                let tone = emphasis.edge(k);
                let (colour, alpha) = if on_path {
                    (palette.path, 1.0)
                } else if let Some(c) = e.note_colour.as_deref() {
                    (c, 0.9)
                } else if tone == Tone::Lit {
                    (palette.edge, (palette.edge_alpha * 1.8).min(1.0))
                } else {
                    (palette.edge, palette.edge_alpha)
                };
                let rim = scene.nodes.get(e.target as usize).map_or(0.0, |n| n.radius);
                words.extend_from_slice(&[
                    e.source,
                    e.target,
                    e.width.to_bits(),
                    rim.to_bits(),
                    pack(colour, alpha * dim(tone)),
                    0f32.to_bits(),
                    (if on_path { 4.5f32 } else { 0.6 }).to_bits(),
                ]);
            }
            gl.buffer_sub_data_with_i32_and_u8_array(
                Gl::ARRAY_BUFFER,
                (piece * EDGES_PER_UPLOAD * EDGE_WORDS * 4) as i32,
                bytemuck::cast_slice(words),
            );
        }
        self.n_edges = scene.edges.len() as i32;

        words.clear();
        for l in &scene.links {
            let colour = link_colour(l.kind);
            let bold = l.accepted || stage.explained == Some(l.key);
            let (ts, tt) = (
                emphasis.node(l.source as usize),
                emphasis.node(l.target as usize),
            );
            let faded = ts == Tone::Dim && tt == Tone::Dim;
            let gone = !stage.link_drawn(l);
            words.extend_from_slice(&[
                l.source,
                l.target,
                0f32.to_bits(),
                0f32.to_bits(),
                pack(
                    colour,
                    if gone {
                        0.0
                    } else if faded {
                        palette.dim
                    } else {
                        1.0
                    },
                ),
                (if l.accepted { 2f32 } else { 1.0 }).to_bits(),
                (if bold { 2.5f32 } else { 1.5 }).to_bits(),
            ]);
        }
        self.n_links = scene.links.len() as i32;
        upload(&self.gl, &self.link_buffer, words);

        words.clear();
        for (i, n) in scene.nodes.iter().enumerate() {
            let share = stage
                .trace
                .as_ref()
                .and_then(|t| t.fill.get(i).copied())
                .unwrap_or(0.0);
            let ring = if stage.selected() == Some(i) {
                pack(palette.selected_ring, 1.0)
            } else if n.is_seed {
                pack(palette.seed_ring, 1.0)
            } else if stage.marked.contains(&n.id) {
                pack(palette.picked_ring, 1.0)
            } else if let Some(c) = n.note_colour.as_deref() {
                pack(c, 1.0)
            } else {
                0
            };
            let flags = u32::from(n.pool)
                | (u32::from(n.group.is_some()) << 1)
                | (u32::from(n.chain_colour.is_some()) << 2);
            words.extend_from_slice(&[
                n.radius.to_bits(),
                share.to_bits(),
                (flags as f32).to_bits(),
                pack(n.colour, dim(emphasis.node(i))),
                ring,
                pack(n.chain_colour.unwrap_or("#000000"), 1.0),
            ]);
        }
        self.n_nodes = scene.nodes.len() as i32;
        upload(&self.gl, &self.node_buffer, words);
        // A big case's nodes or links needed a big list; it is not kept between uploads.
        if words.capacity() > EDGES_PER_UPLOAD * EDGE_WORDS {
            *words = Vec::new();
        }
    }
}

/// Edges built and sent to the GPU at once.
const EDGES_PER_UPLOAD: usize = 16_384;

fn upload(gl: &Gl, buffer: &WebGlBuffer, words: &[u32]) {
    gl.bind_buffer(Gl::ARRAY_BUFFER, Some(buffer));
    gl.buffer_data_with_u8_array(
        Gl::ARRAY_BUFFER,
        bytemuck::cast_slice(words),
        Gl::STATIC_DRAW,
    );
}
