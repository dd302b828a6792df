//! Where a chart's points go: values to SVG coordinates. Pure, tested natively.

/// The drawing area inside the SVG's view box, leaving room for the axis labels.
pub const WIDTH: f32 = 640.0;
pub const HEIGHT: f32 = 240.0;
pub const LEFT: f32 = 48.0;
pub const RIGHT: f32 = 16.0;
pub const TOP: f32 = 16.0;
pub const BOTTOM: f32 = 40.0;

/// A vertical scale from 0 to `top`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub top: f32,
}

impl Scale {
    /// At least `minimum_top` (so a flat line of small values is not drawn as a cliff),
    /// and a tenth above the largest value.
    pub fn fitting(values: &[f32], minimum_top: f32) -> Self {
        let largest = values.iter().copied().fold(0.0_f32, f32::max);
        Self {
            top: (largest * 1.1).max(minimum_top),
        }
    }

    pub fn y(&self, value: f32) -> f32 {
        let fraction = if self.top > 0.0 {
            (value / self.top).clamp(0.0, 1.0)
        } else {
            0.0
        };
        TOP + (1.0 - fraction) * (HEIGHT - TOP - BOTTOM)
    }
}

/// The horizontal place of point `index` of `count`, evenly spaced; one point is centred.
pub fn x(index: usize, count: usize) -> f32 {
    let width = WIDTH - LEFT - RIGHT;
    if count <= 1 {
        return LEFT + width / 2.0;
    }
    LEFT + width * index as f32 / (count - 1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_span_the_drawing_area() {
        assert_eq!(x(0, 3), LEFT);
        assert_eq!(x(2, 3), WIDTH - RIGHT);
        assert_eq!(x(0, 1), LEFT + (WIDTH - LEFT - RIGHT) / 2.0);
    }

    #[test]
    fn the_scale_starts_at_zero_and_leaves_headroom() {
        let scale = Scale::fitting(&[2.0, 10.0], 5.0);
        assert_eq!(scale.top, 11.0);
        assert_eq!(scale.y(0.0), HEIGHT - BOTTOM);
        assert_eq!(scale.y(11.0), TOP);
        assert_eq!(Scale::fitting(&[0.5], 5.0).top, 5.0);
        assert_eq!(scale.y(-3.0), HEIGHT - BOTTOM);
    }
}
