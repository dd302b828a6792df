//! The file around the objects: header, cross-reference table and trailer, written as the
//! objects go out, so a long report never sits whole in memory (pdf-writer's `Pdf` would
//! hold the entire file until `finish`).

use std::io::Write;

use pdf_writer::{Chunk, Ref, Settings};

pub(crate) struct PdfFile<'w, W: Write> {
    out: &'w mut W,
    position: usize,
    /// Byte offset of each object, by object number minus one; `None` until written.
    offsets: Vec<Option<usize>>,
}

impl<'w, W: Write> PdfFile<'w, W> {
    pub fn start(out: &'w mut W) -> std::io::Result<Self> {
        let mut file = PdfFile {
            out,
            position: 0,
            offsets: Vec::new(),
        };
        // The second line's high bytes tell transfer tools the file is binary.
        file.emit(b"%PDF-1.7\n%\x80\x80\x80\x80\n")?;
        Ok(file)
    }

    /// A new object number, to refer to before the object is written.
    pub fn allocate(&mut self) -> Ref {
        self.offsets.push(None);
        Ref::new(self.offsets.len() as i32)
    }

    /// Writes the one object `write` puts into a fresh chunk under `id`.
    pub fn object(&mut self, id: Ref, write: impl FnOnce(&mut Chunk)) -> std::io::Result<()> {
        // Compact output: the pretty form only adds whitespace.
        let mut chunk = Chunk::with_settings(Settings { pretty: false });
        write(&mut chunk);
        debug_assert_eq!(
            chunk.refs().collect::<Vec<_>>(),
            [id],
            "one object per chunk"
        );
        if let Some(slot) = self.offsets.get_mut(id.get() as usize - 1) {
            *slot = Some(self.position);
        }
        self.emit(chunk.as_bytes())
    }

    /// The cross-reference table and trailer. Every allocated object must have been written.
    pub fn finish(mut self, catalog: Ref, info: Ref) -> std::io::Result<()> {
        let table_position = self.position;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len() + 1);
        for offset in &self.offsets {
            match offset {
                Some(offset) => table.push_str(&format!("{offset:010} 00000 n\r\n")),
                // Unreachable when every allocated object was written; a free entry keeps
                // the table readable if one was not.
                None => table.push_str("0000000000 65535 f\r\n"),
            }
        }
        table.push_str(&format!(
            "trailer\n<< /Size {} /Root {} 0 R /Info {} 0 R >>\nstartxref\n{table_position}\n%%EOF\n",
            self.offsets.len() + 1,
            catalog.get(),
            info.get(),
        ));
        self.emit(table.as_bytes())?;
        self.out.flush()
    }

    fn emit(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.position += bytes.len();
        Ok(())
    }
}
