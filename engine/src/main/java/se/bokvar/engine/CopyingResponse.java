package se.bokvar.engine;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Passes the answer through unchanged and keeps a copy of it, up to a limit, so
 * that the read log can name the cases in it once it is sent. Works for answers
 * written later on another thread (the external-task long poll) as well.
 */
final class CopyingResponse extends HttpServletResponseWrapper {

  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private final int limit;
  private boolean overflow;
  private ServletOutputStream stream;
  private PrintWriter writer;

  CopyingResponse(HttpServletResponse response, int limit) {
    super(response);
    this.limit = limit;
  }

  /** The answer's bytes; null when it was larger than the limit. */
  byte[] copy() {
    if (writer != null) writer.flush();
    return overflow ? null : copy.toByteArray();
  }

  private void keep(byte[] b, int off, int len) {
    if (overflow) return;
    if (copy.size() + len > limit) {
      overflow = true;
      copy.reset();
      return;
    }
    copy.write(b, off, len);
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      ServletOutputStream target = super.getOutputStream();
      stream = new ServletOutputStream() {
        @Override
        public void write(int b) throws IOException {
          target.write(b);
          keep(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          target.write(b, off, len);
          keep(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          target.flush();
        }

        @Override
        public boolean isReady() {
          return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          target.setWriteListener(listener);
        }
      };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) writer.flush();
    super.flushBuffer();
  }
}
