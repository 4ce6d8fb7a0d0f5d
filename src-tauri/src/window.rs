//! Keeping the main window on the screen it opens on.
//!
//! The window-state plugin restores the size a window was closed at even
//! when it came from a bigger screen (a laptop taken off its dock, a
//! projector unplugged): the window then spills past the screen, with its
//! scroll bars and buttons out of reach. It only checks the position. This
//! plugin fits such a window back into the work area of its screen.
//!
//! It acts on resizes rather than once at start: on Linux the restored
//! size is applied asynchronously, after the window is ready. It acts only
//! on a window bigger than all the screens together can show, so an editor
//! may still stretch a window across two screens or park it partly off
//! screen.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{PhysicalPosition, PhysicalRect, PhysicalSize, Runtime, Window, WindowEvent};

/// The plugin: watches every window's size from when it is ready.
pub fn fit_to_screen<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("fit-to-screen")
        .on_window_ready(|window| {
            fit_or_say(&window);
            let w = window.clone();
            window.on_window_event(move |event| {
                if let WindowEvent::Resized(_) | WindowEvent::ScaleFactorChanged { .. } = event {
                    fit_or_say(&w);
                }
            });
        })
        .build()
}

fn fit_or_say<R: Runtime>(window: &Window<R>) {
    if let Err(e) = fit(window) {
        // Not fatal: the window works, only bigger than the screen.
        eprintln!("copydesk: could not fit the window to the screen: {e}");
    }
}

fn fit<R: Runtime>(window: &Window<R>) -> tauri::Result<()> {
    let Some(monitor) = window.current_monitor()?.or(window.primary_monitor()?) else {
        return Ok(());
    };
    if window.is_fullscreen()? {
        return Ok(());
    }
    let (position, outer, inner) = (window.outer_position()?, window.outer_size()?, window.inner_size()?);
    let desktop = bounds(window.available_monitors()?.iter().map(|m| *m.work_area()));
    if desktop.is_some_and(|d| outer.width <= d.size.width && outer.height <= d.size.height) {
        return Ok(());
    }
    if let Some((p, s)) = fitted(monitor.work_area(), position, outer) {
        // `set_size` sets the inner size: leave room for the frame.
        let frame = PhysicalSize::new(
            outer.width.saturating_sub(inner.width),
            outer.height.saturating_sub(inner.height),
        );
        window.set_size(PhysicalSize::new(
            s.width.saturating_sub(frame.width),
            s.height.saturating_sub(frame.height),
        ))?;
        window.set_position(p)?;
    }
    Ok(())
}

/// The smallest rectangle holding all of `areas` (`None` for none).
pub(crate) fn bounds(areas: impl Iterator<Item = PhysicalRect<i32, u32>>) -> Option<PhysicalRect<i32, u32>> {
    areas
        .map(|a| {
            (
                a.position.x,
                a.position.y,
                a.position.x + a.size.width as i32,
                a.position.y + a.size.height as i32,
            )
        })
        .reduce(|(l, t, r, b), (l2, t2, r2, b2)| (l.min(l2), t.min(t2), r.max(r2), b.max(b2)))
        .map(|(l, t, r, b)| PhysicalRect {
            position: PhysicalPosition::new(l, t),
            size: PhysicalSize::new((r - l) as u32, (b - t) as u32),
        })
}

/// Where, and how big, a window at `position` with outer size `size` must be
/// to lie inside `area`: no bigger than the area, and moved only as far as
/// that takes. `None` when it already lies inside.
pub(crate) fn fitted(
    area: &PhysicalRect<i32, u32>,
    position: PhysicalPosition<i32>,
    size: PhysicalSize<u32>,
) -> Option<(PhysicalPosition<i32>, PhysicalSize<u32>)> {
    let s = PhysicalSize::new(size.width.min(area.size.width), size.height.min(area.size.height));
    // Each axis: the window's start, clamped so that it starts inside the
    // area and ends inside it.
    let axis = |start: i32, len: u32, area_start: i32, area_len: u32| {
        let last = area_start + (area_len - len) as i32;
        start.clamp(area_start, last)
    };
    let p = PhysicalPosition::new(
        axis(position.x, s.width, area.position.x, area.size.width),
        axis(position.y, s.height, area.position.y, area.size.height),
    );
    (p != position || s != size).then_some((p, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(x: i32, y: i32, w: u32, h: u32) -> PhysicalRect<i32, u32> {
        PhysicalRect {
            position: PhysicalPosition::new(x, y),
            size: PhysicalSize::new(w, h),
        }
    }

    fn fit(a: &PhysicalRect<i32, u32>, x: i32, y: i32, w: u32, h: u32) -> Option<(i32, i32, u32, u32)> {
        fitted(a, PhysicalPosition::new(x, y), PhysicalSize::new(w, h)).map(|(p, s)| (p.x, p.y, s.width, s.height))
    }

    #[test]
    fn a_window_inside_its_screen_stays_as_it_is() {
        let screen = area(0, 0, 1440, 900);
        assert_eq!(fit(&screen, 0, 0, 1440, 900), None);
        assert_eq!(fit(&screen, 100, 50, 1280, 800), None);
    }

    #[test]
    fn a_window_from_a_bigger_screen_shrinks_and_moves_in() {
        let screen = area(0, 0, 1440, 900);
        assert_eq!(fit(&screen, 300, 200, 2400, 1500), Some((0, 0, 1440, 900)));
        // Only as far as needed: the right edge comes back to the screen's.
        assert_eq!(fit(&screen, 400, 100, 1280, 800), Some((160, 100, 1280, 800)));
        // Above or left of the screen.
        assert_eq!(fit(&screen, -50, -20, 1280, 800), Some((0, 0, 1280, 800)));
    }

    #[test]
    fn the_desktop_is_all_screens_together() {
        let side_by_side = [area(0, 0, 1920, 1080), area(1920, 32, 1366, 736)];
        let d = bounds(side_by_side.into_iter()).unwrap();
        assert_eq!(
            (d.position.x, d.position.y, d.size.width, d.size.height),
            (0, 0, 3286, 1080)
        );
        assert!(bounds(std::iter::empty()).is_none());
    }

    #[test]
    fn a_second_screen_and_a_panel_are_respected() {
        // A screen to the right of another, with a 32-pixel panel on top.
        let screen = area(1920, 32, 1366, 736);
        assert_eq!(fit(&screen, 1900, 0, 1280, 800), Some((1920, 32, 1280, 736)));
        assert_eq!(fit(&screen, 2000, 100, 1000, 600), None);
    }
}
