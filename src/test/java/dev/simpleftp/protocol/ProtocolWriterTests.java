package dev.simpleftp.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.storage.local.ChannelFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class ProtocolWriterTests {

	@TempDir
	Path directory;

	@Test
	void sendRequestWritesItsEncodingAndALineFeedInOneWrite() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);

		new ProtocolWriter(out).send(Request.of("get", "my file 日本.txt"));

		assertThat(out.bytes()).isEqualTo("GET my%20file%20日本.txt\n".getBytes(StandardCharsets.UTF_8));
		assertThat(out.writes()).hasSize(1);
	}

	@Test
	void sendReplyWritesItsEncodingAndALineFeedInOneWrite() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);

		new ProtocolWriter(out).send(Reply.of(ReplyCode.TRANSFER_COMPLETE, "transfer complete").with("size", 3));

		assertThat(out.bytes()).isEqualTo("226 size=3 transfer complete\n".getBytes(StandardCharsets.UTF_8));
		assertThat(out.writes()).hasSize(1);
	}

	@Test
	void sendKeepsWritingUntilAChannelThatTakesLittleHasTheWholeLine() throws IOException {
		RecordingChannel out = new RecordingChannel(1);
		Request request = Request.of("PUT", "ünïcødé 😀", "x".repeat(100));

		new ProtocolWriter(out).send(request);

		assertThat(new String(out.bytes(), StandardCharsets.UTF_8)).isEqualTo(request.encode() + "\n");
	}

	@Test
	void eachSentMessageIsExactlyOneLineThatReadsBackAsSent() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		Request request = new Request("PUT", List.of("new\nline\r.txt"), Map.of("note", "a\nb"));
		Reply reply = Reply.of(ReplyCode.SENDING, "send\nnow").with("name", "x\r\ny");

		writer.send(request);
		writer.send(reply);

		String wire = new String(out.bytes(), StandardCharsets.UTF_8);
		assertThat(wire.chars().filter((c) -> c == '\n')).hasSize(2);
		assertThat(wire).endsWith("\n").doesNotContain("\r");
		String[] lines = wire.split("\n");
		assertThat(Request.parse(lines[0])).isEqualTo(request);
		assertThat(Reply.parse(lines[1])).isEqualTo(reply);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 60_000, 100_000 })
	void sendFileSendsExactlyTheFirstLengthBytesToAFile(long length) throws IOException {
		byte[] content = random(100_000, length);
		Path source = Files.write(this.directory.resolve("source"), content);
		Path target = this.directory.resolve("target");
		AtomicLong progress = new AtomicLong();

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			new ProtocolWriter(out).sendFile(new ChannelFile(file), length, progress::addAndGet);
		}

		assertThat(Files.readAllBytes(target)).isEqualTo(Arrays.copyOf(content, (int) length));
		assertThat(progress).hasValue(length);
	}

	@Test
	void sendFileSendsSeveralMegabytesThroughAPipe() throws Exception {
		byte[] content = random(3 * 1024 * 1024 + 17, 1);
		Path source = Files.write(this.directory.resolve("source"), content);
		int length = content.length - 5;
		Pipe pipe = Pipe.open();
		CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> drain(pipe.source()));

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			new ProtocolWriter(pipe.sink()).sendFile(new ChannelFile(file), length, ProgressListener.NONE);
		}
		finally {
			pipe.sink().close();
		}

		assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(Arrays.copyOf(content, length));
	}

	@Test
	void sendFileFinishesThroughAChannelThatTakesAFewBytesAtATime() throws IOException {
		byte[] content = random(20_000, 2);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(7);
		List<Long> progress = new ArrayList<>();

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			new ProtocolWriter(out).sendFile(new ChannelFile(file), content.length, progress::add);
		}

		assertThat(out.bytes()).isEqualTo(content);
		assertThat(progress.stream().mapToLong(Long::longValue).sum()).isEqualTo(content.length);
	}

	@Test
	@Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
	void sendFileOfAFileShorterThanTheLengthThrowsInsteadOfLoopingForever() throws IOException {
		byte[] content = random(10, 3);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> new ProtocolWriter(out).sendFile(new ChannelFile(file), 20, ProgressListener.NONE))
				.withMessageContaining("10 of 20 bytes");
		}
		assertThat(out.bytes()).isEqualTo(content);
	}

	@Test
	@Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
	void sendFileOfAnEmptyFileWithALengthThrows() throws IOException {
		Path source = Files.createFile(this.directory.resolve("empty"));

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> new ProtocolWriter(
					new RecordingChannel(Integer.MAX_VALUE)).sendFile(new ChannelFile(file), 1, ProgressListener.NONE))
				.withMessageContaining("0 of 1 bytes");
		}
	}

	@Test
	void writtenLinesAndBodyReadBackThroughAProtocolReader() throws IOException {
		byte[] content = random(200_000, 4);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		Reply sending = Reply.of(ReplyCode.SENDING, "sending").with("size", content.length);
		Reply done = Reply.of(ReplyCode.TRANSFER_COMPLETE, "transfer complete");

		writer.send(sending);
		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			writer.sendFile(new ChannelFile(file), content.length, ProgressListener.NONE);
		}
		writer.send(done);

		ProtocolReader reader = new ProtocolReader(Channels.newChannel(new ByteArrayInputStream(out.bytes())),
				ProtocolReader.MAX_LINE_BYTES + 2);
		Reply first = Reply.parse(reader.readLine());
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		reader.readBody(first.longParameter("size"), Channels.newChannel(body), ProgressListener.NONE);
		assertThat(first).isEqualTo(sending);
		assertThat(body.toByteArray()).isEqualTo(content);
		assertThat(Reply.parse(reader.readLine())).isEqualTo(done);
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void queuedLinesWaitForFlushThenGoOutTogetherInOneWrite() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		Request first = Request.of("GET", "a b");
		Reply second = Reply.of(ReplyCode.OK, "ok");

		writer.queue(first);
		writer.queue(second);

		assertThat(out.writes()).isEmpty();
		assertThat(writer.queuedBytes()).isEqualTo("GET a%20b\n200 ok\n".length());
		writer.flush();
		assertThat(out.writes()).containsExactly("GET a%20b\n200 ok\n".length());
		assertThat(out.text()).isEqualTo("GET a%20b\n200 ok\n");
		assertThat(writer.queuedBytes()).isZero();
	}

	@Test
	void queuedBytesCountsUtf8BytesNotCharacters() throws IOException {
		ProtocolWriter writer = new ProtocolWriter(new RecordingChannel(Integer.MAX_VALUE));

		writer.queue(Request.of("GET", "é😀"));

		assertThat(writer.queuedBytes()).isEqualTo("GET é😀\n".getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void flushWithNothingQueuedWritesNothing() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);

		new ProtocolWriter(out).flush();

		assertThat(out.writes()).isEmpty();
	}

	@Test
	void sendAfterQueueWritesTheQueuedLineAndItsOwnInOneWrite() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);

		writer.queue(Request.of("NOOP"));
		writer.send(Request.of("QUIT"));

		assertThat(out.text()).isEqualTo("NOOP\nQUIT\n");
		assertThat(out.writes()).hasSize(1);
	}

	@Test
	void queueOfMoreThanTheQueueHoldsWritesEveryLineInOrder() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		StringBuilder expected = new StringBuilder();

		for (int i = 0; i < 500; i++) {
			Request request = Request.of("PUT", "file-" + i + "-" + "x".repeat(i % 200), String.valueOf(i));
			writer.queue(request);
			expected.append(request.encode()).append('\n');
		}
		writer.flush();

		assertThat(expected.length()).isGreaterThan(3 * 16 * 1024);
		assertThat(out.text()).isEqualTo(expected.toString());
		assertThat(out.writes()).hasSizeGreaterThan(1).allMatch((count) -> count <= 16 * 1024);
		assertThat(writer.queuedBytes()).isZero();
	}

	@Test
	void lineLongerThanTheQueueGoesOutWholeAfterTheLinesQueuedBeforeIt() throws IOException {
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		Request huge = Request.of("PUT", "y".repeat(40_000), "1");

		writer.queue(Request.of("NOOP"));
		writer.queue(huge);
		writer.queue(Request.of("QUIT"));
		writer.flush();

		assertThat(out.text()).isEqualTo("NOOP\n" + huge.encode() + "\nQUIT\n");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 100, 65_536 })
	void copyFileSendsQueuedLinesInTheSameWriteAsTheFirstFileBytes(int length) throws IOException {
		byte[] content = random(length, 21);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		String sending = "150 size=" + length + " sending\n";

		writer.queue(Reply.of(ReplyCode.SENDING, "sending").with("size", length));
		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			writer.copyFile(new ChannelFile(file), length, ByteBuffer.allocateDirect(1024 * 1024), ProgressListener.NONE);
		}
		writer.send(Reply.of(ReplyCode.TRANSFER_COMPLETE, "sent"));

		assertThat(out.bytes()).isEqualTo(concat(ascii(sending), content, ascii("226 sent\n")));
		assertThat(out.writes()).containsExactly(sending.length() + length, "226 sent\n".length());
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 7, Integer.MAX_VALUE })
	void copyFileThroughASmallBufferSendsExactlyTheFirstLengthBytes(int maxPerWrite) throws IOException {
		byte[] content = random(10_000, 22);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(maxPerWrite);
		ProtocolWriter writer = new ProtocolWriter(out);
		List<Long> progress = new ArrayList<>();

		writer.queue(Reply.of(ReplyCode.SENDING, "sending"));
		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			writer.copyFile(new ChannelFile(file), 9_999, ByteBuffer.allocate(1000), progress::add);
		}

		assertThat(out.bytes()).isEqualTo(concat(ascii("150 sending\n"), Arrays.copyOf(content, 9_999)));
		assertThat(progress.stream().mapToLong(Long::longValue).sum()).isEqualTo(9_999);
		if (maxPerWrite == Integer.MAX_VALUE) {
			assertThat(out.writes()).allMatch((count) -> count <= 1000).first().isEqualTo(1000);
		}
	}

	@Test
	void copyFileReusesADirtyBufferFromTheStart() throws IOException {
		byte[] content = random(3000, 23);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ByteBuffer buffer = ByteBuffer.allocate(2048);
		buffer.position(1500).limit(1700);

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			new ProtocolWriter(out).copyFile(new ChannelFile(file), content.length, buffer, ProgressListener.NONE);
		}

		assertThat(out.bytes()).isEqualTo(content);
	}

	@Test
	void copyFileWithMoreQueuedThanTheBufferHoldsSendsTheLinesFirstThenTheFile() throws IOException {
		byte[] content = random(5000, 24);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			Request request = Request.of("GET", "name-" + i);
			writer.queue(request);
			lines.append(request.encode()).append('\n');
		}

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			writer.copyFile(new ChannelFile(file), content.length, ByteBuffer.allocate(100), ProgressListener.NONE);
		}

		assertThat(lines.length()).isGreaterThan(100);
		assertThat(out.bytes()).isEqualTo(concat(ascii(lines.toString()), content));
		assertThat(writer.queuedBytes()).isZero();
	}

	@Test
	void copyFileOfNoBytesStillSendsTheQueuedLines() throws IOException {
		Path source = Files.createFile(this.directory.resolve("empty"));
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);
		AtomicLong progress = new AtomicLong();

		writer.queue(Reply.of(ReplyCode.SENDING, "sending").with("size", 0));
		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			writer.copyFile(new ChannelFile(file), 0, ByteBuffer.allocate(4096), progress::addAndGet);
		}

		assertThat(out.text()).isEqualTo("150 size=0 sending\n");
		assertThat(out.writes()).hasSize(1);
		assertThat(writer.queuedBytes()).isZero();
		assertThat(progress).hasValue(0);
	}

	@Test
	void copyFileOfNoBytesWithNothingQueuedWritesNothing() throws IOException {
		Path source = Files.createFile(this.directory.resolve("empty"));
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			new ProtocolWriter(out).copyFile(new ChannelFile(file), 0, ByteBuffer.allocate(4096), ProgressListener.NONE);
		}

		assertThat(out.writes()).isEmpty();
	}

	@Test
	@Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
	void copyFileOfAFileShorterThanTheLengthThrowsSayingHowMuchWasSent() throws IOException {
		byte[] content = random(2500, 25);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> new ProtocolWriter(out).copyFile(new ChannelFile(file), 4000, ByteBuffer.allocate(1000),
						ProgressListener.NONE))
				.withMessageContaining("shrank")
				.withMessageContaining("2500 of 4000 bytes");
		}
		assertThat(out.bytes()).isEqualTo(content);
	}

	@Test
	@Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
	void copyFileOfAnEmptyFileWithALengthThrows() throws IOException {
		Path source = Files.createFile(this.directory.resolve("empty"));

		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> new ProtocolWriter(new RecordingChannel(Integer.MAX_VALUE)).copyFile(new ChannelFile(file), 1,
						ByteBuffer.allocate(100), ProgressListener.NONE))
				.withMessageContaining("0 of 1 bytes");
		}
	}

	@Test
	void sendFileSendsQueuedLinesBeforeTheFile() throws IOException {
		byte[] content = random(30_000, 26);
		Path source = Files.write(this.directory.resolve("source"), content);
		RecordingChannel out = new RecordingChannel(Integer.MAX_VALUE);
		ProtocolWriter writer = new ProtocolWriter(out);

		writer.queue(Reply.of(ReplyCode.SENDING, "sending").with("size", content.length));
		try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
			writer.sendFile(new ChannelFile(file), content.length, ProgressListener.NONE);
		}

		assertThat(out.bytes()).isEqualTo(concat(ascii("150 size=30000 sending\n"), content));
		assertThat(writer.queuedBytes()).isZero();
	}

	@Test
	void writeSendsQueuedLinesBeforeTheBody() throws IOException {
		RecordingChannel out = new RecordingChannel(3);
		ProtocolWriter writer = new ProtocolWriter(out);
		byte[] body = random(1000, 27);

		writer.queue(Reply.of(ReplyCode.SENDING, "listing").with("size", 1000));
		writer.write(ByteBuffer.wrap(body));

		assertThat(out.bytes()).isEqualTo(concat(ascii("150 size=1000 listing\n"), body));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] drain(Pipe.SourceChannel source) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer buffer = ByteBuffer.allocate(8192);
		try (source) {
			while (source.read(buffer) >= 0) {
				out.write(buffer.array(), 0, buffer.position());
				buffer.clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** Keeps every write, taking at most {@code maxPerWrite} bytes from each. */
	private static final class RecordingChannel implements WritableByteChannel {

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private final List<Integer> writes = new ArrayList<>();

		private final int maxPerWrite;

		RecordingChannel(int maxPerWrite) {
			this.maxPerWrite = maxPerWrite;
		}

		@Override
		public int write(ByteBuffer source) {
			int count = Math.min(source.remaining(), this.maxPerWrite);
			byte[] bytes = new byte[count];
			source.get(bytes);
			this.received.writeBytes(bytes);
			this.writes.add(count);
			return count;
		}

		byte[] bytes() {
			return this.received.toByteArray();
		}

		String text() {
			return this.received.toString(StandardCharsets.UTF_8);
		}

		List<Integer> writes() {
			return this.writes;
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

	}

}
