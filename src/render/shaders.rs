//! The WebGL2 renderer's GLSL ES 3.00 programs (`webgl.rs`): edges as instances of nine
//! vertices (a shaft quad and an arrowhead; inferred links dashed in the fragment shader), and
//! nodes as quads whose fragment shader draws fill, outline, traced share, rings and a pool's
//! dashed rim. Positions come from an RG32F texture read by node index with `texelFetch`.

pub(super) const EDGE_VS: &str = r#"#version 300 es
precision highp float;
precision highp int;
uniform sampler2D u_pos;
uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_size;
uniform float u_dpr;
layout(location = 0) in uvec2 a_ends;
layout(location = 1) in float a_width;
layout(location = 2) in float a_rim;
layout(location = 3) in vec4 a_colour;
layout(location = 4) in float a_flags;
layout(location = 5) in float a_min;
out vec4 v_colour;
out float v_along;
out float v_flags;
vec2 pos(uint i) { return texelFetch(u_pos, ivec2(int(i % 2048u), int(i / 2048u)), 0).xy; }
vec2 screen(vec2 w) { return (w - u_center) * u_zoom + 0.5 * u_size; }
const vec2 QUAD[6] = vec2[6](vec2(0.0, -1.0), vec2(1.0, -1.0), vec2(0.0, 1.0),
                             vec2(0.0, 1.0), vec2(1.0, -1.0), vec2(1.0, 1.0));
void main() {
  vec2 wa = pos(a_ends.x);
  vec2 wb = pos(a_ends.y);
  v_colour = a_colour;
  v_flags = a_flags;
  v_along = 0.0;
  vec2 a = screen(wa);
  vec2 b = screen(wb);
  vec2 d = b - a;
  float len = length(d);
  bool offscreen = (max(a.x, b.x) < 0.0) || (max(a.y, b.y) < 0.0) ||
                   (min(a.x, b.x) > u_size.x) || (min(a.y, b.y) > u_size.y);
  if (isnan(wa.x) || isnan(wb.x) || len < 1.0 || offscreen) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec2 u = d / len;
  vec2 n = vec2(-u.y, u.x);
  // Widths in device pixels: world width by zoom, kept between the minimum and 10 CSS px.
  float w = clamp(a_width * u_zoom * 0.6, a_min * u_dpr, max(10.0, a_min) * u_dpr);
  // Thinner than a pixel: drawn a pixel wide, fainter.
  if (w < 1.0) { v_colour.a *= w; w = 1.0; }
  bool dashed = a_flags > 0.5;
  vec2 tip = b - u * a_rim * u_zoom;
  float head = dashed ? 0.0 : min(4.0 * u_dpr + w * 1.5, len * 0.5);
  vec2 base = tip - u * head;
  vec2 p;
  if (gl_VertexID < 6) {
    vec2 q = QUAD[gl_VertexID];
    p = mix(a, base, q.x) + n * q.y * 0.5 * w;
    v_along = q.x * length(base - a) / u_dpr;
  } else if (gl_VertexID == 6) {
    p = tip;
  } else if (gl_VertexID == 7) {
    p = base + n * head * 0.5;
  } else {
    p = base - n * head * 0.5;
  }
  gl_Position = vec4(p.x / u_size.x * 2.0 - 1.0, 1.0 - p.y / u_size.y * 2.0, 0.0, 1.0);
}
"#;

pub(super) const EDGE_FS: &str = r#"#version 300 es
precision highp float;
in vec4 v_colour;
in float v_along;
in float v_flags;
out vec4 out_colour;
void main() {
  if (v_flags > 0.5) {
    // Dashed: 5 on 4 off; accepted links 8 on 3 off.
    float period = v_flags > 1.5 ? 11.0 : 9.0;
    float on = v_flags > 1.5 ? 8.0 : 5.0;
    if (mod(v_along, period) > on) discard;
  }
  out_colour = vec4(v_colour.rgb * v_colour.a, v_colour.a);
}
"#;

pub(super) const NODE_VS: &str = r#"#version 300 es
precision highp float;
uniform sampler2D u_pos;
uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_size;
uniform vec2 u_radius_px;
uniform float u_dpr;
layout(location = 0) in float a_radius;
layout(location = 1) in float a_share;
layout(location = 2) in float a_flags;
layout(location = 3) in vec4 a_fill;
layout(location = 4) in vec4 a_ring;
layout(location = 5) in vec4 a_band;
out vec2 v_offset;
out float v_r;
out float v_share;
out float v_flags;
out vec4 v_fill;
out vec4 v_ring;
out vec4 v_band;
const vec2 QUAD[6] = vec2[6](vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(-1.0, 1.0),
                             vec2(-1.0, 1.0), vec2(1.0, -1.0), vec2(1.0, 1.0));
void main() {
  int i = gl_InstanceID;
  vec2 w = texelFetch(u_pos, ivec2(i % 2048, i / 2048), 0).xy;
  float r = clamp(a_radius * u_zoom, u_radius_px.x, u_radius_px.y);
  float reach = r + 7.0 * u_dpr;
  vec2 c = (w - u_center) * u_zoom + 0.5 * u_size;
  if (isnan(w.x) || c.x + reach < 0.0 || c.y + reach < 0.0 ||
      c.x - reach > u_size.x || c.y - reach > u_size.y) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec2 q = QUAD[gl_VertexID];
  v_offset = q * reach;
  v_r = r;
  v_share = a_share;
  v_flags = a_flags;
  v_fill = a_fill;
  v_ring = a_ring;
  v_band = a_band;
  vec2 p = c + v_offset;
  gl_Position = vec4(p.x / u_size.x * 2.0 - 1.0, 1.0 - p.y / u_size.y * 2.0, 0.0, 1.0);
}
"#;

pub(super) const NODE_FS: &str = r#"#version 300 es
precision highp float;
uniform vec3 u_outline;
uniform vec3 u_traced;
uniform vec3 u_pool;
uniform float u_dpr;
in vec2 v_offset;
in float v_r;
in float v_share;
in float v_flags;
in vec4 v_fill;
in vec4 v_ring;
in vec4 v_band;
out vec4 out_colour;
float ring(float d, float c, float w) { return clamp(0.5 * w + 0.5 - abs(d - c), 0.0, 1.0); }
float disc(float d, float r) { return clamp(r + 0.5 - d, 0.0, 1.0); }
vec4 over(vec4 dst, vec3 rgb, float a) { return vec4(rgb * a, a) + dst * (1.0 - a); }
void main() {
  float d = length(v_offset) / u_dpr;
  float r = v_r / u_dpr;
  int flags = int(v_flags + 0.5);
  vec4 c = vec4(0.0);
  if ((flags & 4) != 0) c = over(c, v_band.rgb, ring(d, r + 1.5, 3.0));
  if ((flags & 1) != 0) {
    float angle = atan(v_offset.y, v_offset.x) * (r + 5.0);
    float dash = mod(angle, 6.0) < 3.0 ? 1.0 : 0.0;
    c = over(c, u_pool, ring(d, r + 5.0, 1.5) * dash);
  }
  c = over(c, v_fill.rgb, disc(d, r));
  c = over(c, u_outline, ring(d, r, 1.5) * disc(d, r + 1.0));
  if ((flags & 2) != 0) c = over(c, u_outline, ring(d, r * 0.7, 1.5));
  if (v_share > 0.0) c = over(c, u_traced, disc(d, max(r * sqrt(v_share), 1.5)));
  if (v_ring.a > 0.0) c = over(c, v_ring.rgb, ring(d, r + 3.0, 2.5));
  if (c.a <= 0.0) discard;
  out_colour = c * v_fill.a;
}
"#;
