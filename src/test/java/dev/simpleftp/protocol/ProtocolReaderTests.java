package dev.simpleftp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.simpleftp.protocol.ProgressListener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.protocol.ProtocolReader.MAX_LINE_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class ProtocolReaderTests {

	private static final int SMALL_BUFFER = MAX_LINE_BYTES + 2;

	private static final int LARGE_BUFFER = 64 * 1024;

	/** Bytes per read, from byte-by-byte to everything at once, with each buffer size. */
	static Stream<Arguments> chunkings() {
		return Stream.of(1, 7, MAX_LINE_BYTES + 1, Integer.MAX_VALUE)
			.flatMap((chunk) -> Stream.of(Arguments.of(chunk, SMALL_BUFFER), Arguments.of(chunk, LARGE_BUFFER)));
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void readsLinesEndedByLfOrCrlf(int chunk, int bufferSize) throws IOException {
		ProtocolReader reader = reader(bytes("GET a\nPUT b\r\nNOOP\n"), chunk, bufferSize);

		assertThat(reader.readLine()).isEqualTo("GET a");
		assertThat(reader.readLine()).isEqualTo("PUT b");
		assertThat(reader.readLine()).isEqualTo("NOOP");
		assertThat(reader.readLine()).isNull();
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void readsEmptyLinesAndKeepsACarriageReturnThatDoesNotEndTheLine(int chunk, int bufferSize) throws IOException {
		ProtocolReader reader = reader(bytes("\n\r\na\rb\n\r\r\n"), chunk, bufferSize);

		assertThat(reader.readLine()).isEmpty();
		assertThat(reader.readLine()).isEmpty();
		assertThat(reader.readLine()).isEqualTo("a\rb");
		assertThat(reader.readLine()).isEqualTo("\r");
		assertThat(reader.readLine()).isNull();
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void readsManyPipelinedLinesInOrder(int chunk, int bufferSize) throws IOException {
		StringBuilder wire = new StringBuilder();
		for (int i = 0; i < 3000; i++) {
			wire.append("NOOP ").append(i).append((i % 2 == 0) ? "\n" : "\r\n");
		}
		ProtocolReader reader = reader(bytes(wire.toString()), chunk, bufferSize);

		for (int i = 0; i < 3000; i++) {
			assertThat(reader.readLine()).isEqualTo("NOOP " + i);
		}
		assertThat(reader.readLine()).isNull();
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void decodesMultiByteCharactersSplitAcrossReads(int chunk, int bufferSize) throws IOException {
		ProtocolReader reader = reader(bytes("GET 日本語 😀 é\n"), chunk, bufferSize);

		assertThat(reader.readLine()).isEqualTo("GET 日本語 😀 é");
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void acceptsALineOfExactlyTheLimitWithEitherEnding(int chunk, int bufferSize) throws IOException {
		String ascii = "a".repeat(MAX_LINE_BYTES);
		String accents = "é".repeat(MAX_LINE_BYTES / 2);
		ProtocolReader reader = reader(bytes(ascii + "\n" + ascii + "\r\n" + accents + "\r\nNOOP\n"), chunk,
				bufferSize);

		assertThat(reader.readLine()).isEqualTo(ascii);
		assertThat(reader.readLine()).isEqualTo(ascii);
		assertThat(reader.readLine()).isEqualTo(accents);
		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void refusesALineOneByteOverTheLimitWithEitherEnding(int chunk, int bufferSize) {
		String tooLong = "a".repeat(MAX_LINE_BYTES + 1);

		assertThatExceptionOfType(LineTooLongException.class)
			.isThrownBy(() -> reader(bytes(tooLong + "\n"), chunk, bufferSize).readLine())
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR))
			.withMessageContaining(String.valueOf(MAX_LINE_BYTES));
		assertThatExceptionOfType(LineTooLongException.class)
			.isThrownBy(() -> reader(bytes(tooLong + "\r\n"), chunk, bufferSize).readLine());
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void refusesALineOfTheLimitFollowedByACarriageReturnAndMore(int chunk, int bufferSize) {
		String line = "a".repeat(MAX_LINE_BYTES) + "\rb\n";

		assertThatExceptionOfType(LineTooLongException.class)
			.isThrownBy(() -> reader(bytes(line), chunk, bufferSize).readLine());
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void refusesAnEndlessLineWithoutWaitingForItsEnd(int chunk, int bufferSize) {
		byte[] endless = new byte[10 * LARGE_BUFFER];
		Arrays.fill(endless, (byte) 'x');

		assertThatExceptionOfType(LineTooLongException.class)
			.isThrownBy(() -> reader(endless, chunk, bufferSize).readLine());
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void lineThatIsNotUtf8IsAProtocolErrorAndTheNextLineIsStillRead(int chunk, int bufferSize) throws IOException {
		byte[] wire = concat(bytes("GET "), new byte[] { (byte) 0xFF, (byte) 0xFE }, bytes("\nGET "),
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, bytes("\r\nGET "),
				new byte[] { (byte) 0xC0, (byte) 0xAF }, bytes("\nGET "), new byte[] { (byte) 0xC3 },
				bytes("\nNOOP\n"));
		ProtocolReader reader = reader(wire, chunk, bufferSize);

		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::readLine)
				.isNotInstanceOf(LineTooLongException.class)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR))
				.withMessageContaining("not valid UTF-8");
		}
		assertThat(reader.readLine()).isEqualTo("NOOP");
		assertThat(reader.readLine()).isNull();
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void endOfStreamBeforeALineIsNullEveryTime(int chunk, int bufferSize) throws IOException {
		ProtocolReader empty = reader(new byte[0], chunk, bufferSize);

		assertThat(empty.readLine()).isNull();
		assertThat(empty.readLine()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET a", "GET a\r", "x" })
	void endOfStreamInsideALineIsAnEofException(String partial) throws IOException {
		for (int chunk : new int[] { 1, Integer.MAX_VALUE }) {
			ProtocolReader reader = reader(bytes("NOOP\n" + partial), chunk, SMALL_BUFFER);

			assertThat(reader.readLine()).isEqualTo("NOOP");
			assertThatExceptionOfType(EOFException.class).isThrownBy(reader::readLine)
				.withMessageContaining("middle of a line");
		}
	}

	static Stream<Arguments> bodyLengths() {
		return Stream.of(0, 1, 2, SMALL_BUFFER - 1, SMALL_BUFFER, SMALL_BUFFER + 1, LARGE_BUFFER - 1, LARGE_BUFFER,
				LARGE_BUFFER + 1, 5 * 1024 * 1024 + 3)
			.flatMap((length) -> Stream.of(1, 1000, Integer.MAX_VALUE)
				.flatMap((chunk) -> Stream.of(Arguments.of(length, chunk, SMALL_BUFFER),
						Arguments.of(length, chunk, LARGE_BUFFER))))
			.filter((arguments) -> (int) arguments.get()[0] < 1024 * 1024 || (int) arguments.get()[1] > 1);
	}

	@ParameterizedTest
	@MethodSource("bodyLengths")
	void readBodyMovesExactlyTheDeclaredBytesAndLeavesTheNextLineReadable(int length, int chunk, int bufferSize)
			throws IOException {
		byte[] body = random(length, length);
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), body, bytes("NOOP\r\n")), chunk, bufferSize);
		RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
		List<Long> progress = new ArrayList<>();

		assertThat(reader.readLine()).isEqualTo("PUT x");
		reader.readBody(length, sink, progress::add);

		assertThat(sink.bytes()).isEqualTo(body);
		assertThat(progress).allMatch((moved) -> moved > 0);
		assertThat(progress.stream().mapToLong(Long::longValue).sum()).isEqualTo(length);
		assertThat(reader.readLine()).isEqualTo("NOOP");
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void readBodyReadsBackToBackBodiesWithoutMixingThem() throws IOException {
		byte[] first = random(10_000, 1);
		byte[] second = random(70_000, 2);
		ProtocolReader reader = reader(concat(first, second, bytes("END\n")), 333, SMALL_BUFFER);
		RecordingSink firstSink = new RecordingSink(Long.MAX_VALUE);
		RecordingSink secondSink = new RecordingSink(Long.MAX_VALUE);

		reader.readBody(first.length, firstSink, ProgressListener.NONE);
		reader.readBody(second.length, secondSink, ProgressListener.NONE);

		assertThat(firstSink.bytes()).isEqualTo(first);
		assertThat(secondSink.bytes()).isEqualTo(second);
		assertThat(reader.readLine()).isEqualTo("END");
	}

	@Test
	void readBodyOfNothingTouchesNeitherSinkNorListener() throws IOException {
		ProtocolReader reader = reader(bytes("NOOP\n"), Integer.MAX_VALUE, SMALL_BUFFER);
		RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
		AtomicLong calls = new AtomicLong();

		reader.readBody(0, sink, (moved) -> calls.incrementAndGet());

		assertThat(sink.writes()).isZero();
		assertThat(calls).hasValue(0);
		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 1000, Integer.MAX_VALUE })
	void endOfStreamInsideABodyIsAnEofExceptionSayingHowMuchArrived(int chunk) {
		byte[] arrived = random(5000, 3);
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), arrived), chunk, SMALL_BUFFER);
		RecordingSink sink = new RecordingSink(Long.MAX_VALUE);

		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> {
			reader.readLine();
			reader.readBody(8000, sink, ProgressListener.NONE);
		}).withMessageContaining("after 5000 of 8000 bytes");
		assertThat(sink.bytes()).isEqualTo(arrived);
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void sinkFailureStillConsumesTheBodyAndKeepsTheStreamInStep(int chunk, int bufferSize) throws IOException {
		int length = 300_000;
		byte[] body = random(length, 4);
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), body, bytes("NOOP\n")), chunk, bufferSize);
		RecordingSink sink = new RecordingSink(10_000);
		AtomicLong progress = new AtomicLong();

		assertThat(reader.readLine()).isEqualTo("PUT x");
		assertThatExceptionOfType(BodySinkException.class)
			.isThrownBy(() -> reader.readBody(length, sink, progress::addAndGet))
			.satisfies((ex) -> assertThat(ex.getCause()).isSameAs(sink.failure()))
			.withMessage("disk full");

		assertThat(sink.bytes()).hasSizeGreaterThanOrEqualTo(10_000).hasSizeLessThan(length);
		assertThat(body).startsWith(sink.bytes());
		assertThat(sink.writesAfterFailure()).isZero();
		assertThat(progress).hasValue(length);
		assertThat(reader.readLine()).isEqualTo("NOOP");
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void sinkFailingOnItsFirstWriteStillConsumesTheBody() throws IOException {
		byte[] body = random(20_000, 5);
		ProtocolReader reader = reader(concat(body, bytes("NOOP\n")), 4096, SMALL_BUFFER);
		RecordingSink sink = new RecordingSink(0);

		assertThatExceptionOfType(BodySinkException.class)
			.isThrownBy(() -> reader.readBody(body.length, sink, ProgressListener.NONE));

		assertThat(sink.bytes()).isEmpty();
		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	@Test
	void endOfStreamAfterASinkFailureIsStillAnEofException() {
		ProtocolReader reader = reader(random(5000, 6), 1000, SMALL_BUFFER);

		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> reader.readBody(8000, new RecordingSink(100), ProgressListener.NONE));
	}

	@Test
	void readBodyCompletesASinkThatTakesOneByteAtATime() throws IOException {
		byte[] body = random(50_000, 7);
		ProtocolReader reader = reader(concat(body, bytes("NOOP\n")), Integer.MAX_VALUE, LARGE_BUFFER);
		RecordingSink sink = new RecordingSink(Long.MAX_VALUE, 1);

		reader.readBody(body.length, sink, ProgressListener.NONE);

		assertThat(sink.bytes()).isEqualTo(body);
		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	/** Body lengths around the sizes of a small transfer buffer and of the line buffer, read in various chunks. */
	static Stream<Arguments> transferBufferReads() {
		int transfer = 1000;
		return Stream.of(0, 1, transfer - 1, transfer, transfer + 1, SMALL_BUFFER + 1, 5 * transfer + 3, 300_000)
			.flatMap((length) -> Stream.of(1, 7, transfer + 1, Integer.MAX_VALUE)
				.flatMap((chunk) -> Stream.of(Arguments.of(length, chunk, transfer),
						Arguments.of(length, chunk, 1024 * 1024))))
			.filter((arguments) -> (int) arguments.get()[0] < 100_000 || (int) arguments.get()[1] > 7);
	}

	@ParameterizedTest
	@MethodSource("transferBufferReads")
	void readBodyThroughATransferBufferMovesExactlyTheBodyAndLeavesTheNextLinesReadable(int length, int chunk,
			int transferSize) throws IOException {
		byte[] body = random(length, length + 11);
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), body, bytes("NOOP\r\nGET y\n")), chunk, SMALL_BUFFER);
		RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
		List<Long> progress = new ArrayList<>();

		assertThat(reader.readLine()).isEqualTo("PUT x");
		reader.readBody(length, sink, progress::add, ByteBuffer.allocateDirect(transferSize));

		assertThat(sink.bytes()).isEqualTo(body);
		assertThat(progress.stream().mapToLong(Long::longValue).sum()).isEqualTo(length);
		assertThat(reader.readLine()).isEqualTo("NOOP");
		assertThat(reader.readLine()).isEqualTo("GET y");
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void readBodyThroughATransferBufferNeverAsksTheChannelForBytesPastTheBody() throws IOException {
		byte[] body = random(50_000, 12);
		byte[] wire = concat(bytes("PUT x\n"), body, bytes("NOOP\n"));
		MeasuringChannel channel = new MeasuringChannel(wire);
		ProtocolReader reader = new ProtocolReader(channel, SMALL_BUFFER);
		ByteBuffer transfer = ByteBuffer.allocate(64 * 1024);

		assertThat(reader.readLine()).isEqualTo("PUT x");
		reader.readBody(body.length, new RecordingSink(Long.MAX_VALUE), ProgressListener.NONE, transfer);

		assertThat(channel.consumed()).isEqualTo(wire.length - "NOOP\n".length());
		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 333, Integer.MAX_VALUE })
	void readBodyThroughATransferBufferReadsBackToBackBodiesAndLinesInStep(int chunk) throws IOException {
		byte[] first = random(10_000, 13);
		byte[] second = random(2_500, 14);
		byte[] third = new byte[0];
		ProtocolReader reader = reader(concat(bytes("PUT a\n"), first, bytes("PUT b\n"), second, bytes("PUT c\nEND\n")),
				chunk, SMALL_BUFFER);
		ByteBuffer transfer = ByteBuffer.allocateDirect(4096);
		RecordingSink a = new RecordingSink(Long.MAX_VALUE);
		RecordingSink b = new RecordingSink(Long.MAX_VALUE);
		RecordingSink c = new RecordingSink(Long.MAX_VALUE);

		assertThat(reader.readLine()).isEqualTo("PUT a");
		reader.readBody(first.length, a, ProgressListener.NONE, transfer);
		assertThat(reader.readLine()).isEqualTo("PUT b");
		reader.readBody(second.length, b, ProgressListener.NONE, transfer);
		assertThat(reader.readLine()).isEqualTo("PUT c");
		reader.readBody(third.length, c, ProgressListener.NONE, transfer);
		assertThat(reader.readLine()).isEqualTo("END");

		assertThat(a.bytes()).isEqualTo(first);
		assertThat(b.bytes()).isEqualTo(second);
		assertThat(c.writes()).isZero();
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void skipBodyDropsExactlyTheBodyWithOrWithoutATransferBuffer(int chunk, int bufferSize) throws IOException {
		byte[] body = concat(bytes("NOOP\nQUIT\n"), random(70_000, 15));
		for (ByteBuffer transfer : new ByteBuffer[] { null, ByteBuffer.allocate(1000) }) {
			ProtocolReader reader = reader(concat(bytes("PUT x\n"), body, bytes("GET y\n")), chunk, bufferSize);

			assertThat(reader.readLine()).isEqualTo("PUT x");
			reader.skipBody(body.length, transfer);

			assertThat(reader.readLine()).isEqualTo("GET y");
			assertThat(reader.readLine()).isNull();
		}
	}

	@Test
	void skipBodyOfNothingLeavesTheNextLine() throws IOException {
		ProtocolReader reader = reader(bytes("NOOP\n"), Integer.MAX_VALUE, SMALL_BUFFER);

		reader.skipBody(0, ByteBuffer.allocate(10));

		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 1000, Integer.MAX_VALUE })
	void endOfStreamInsideABodyReadThroughATransferBufferIsAnEofException(int chunk) {
		byte[] arrived = random(5000, 16);
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), arrived), chunk, SMALL_BUFFER);
		RecordingSink sink = new RecordingSink(Long.MAX_VALUE);

		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> {
			reader.readLine();
			reader.readBody(8000, sink, ProgressListener.NONE, ByteBuffer.allocate(1024));
		}).withMessageContaining("after 5000 of 8000 bytes");
		assertThat(sink.bytes()).isEqualTo(arrived);
	}

	@Test
	void endOfStreamInsideASkippedBodyIsAnEofException() {
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), random(100, 17)), 10, SMALL_BUFFER);

		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> {
			reader.readLine();
			reader.skipBody(101, ByteBuffer.allocate(64));
		}).withMessageContaining("after 100 of 101 bytes");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 1000, Integer.MAX_VALUE })
	void sinkFailureThroughATransferBufferStillConsumesTheBodyAndKeepsTheStreamInStep(int chunk) throws IOException {
		int length = 200_000;
		byte[] body = random(length, 18);
		ProtocolReader reader = reader(concat(bytes("PUT x\n"), body, bytes("NOOP\n")), chunk, SMALL_BUFFER);
		RecordingSink sink = new RecordingSink(10_000);
		AtomicLong progress = new AtomicLong();

		assertThat(reader.readLine()).isEqualTo("PUT x");
		assertThatExceptionOfType(BodySinkException.class)
			.isThrownBy(() -> reader.readBody(length, sink, progress::addAndGet, ByteBuffer.allocate(4096)))
			.withMessage("disk full");

		assertThat(body).startsWith(sink.bytes());
		assertThat(sink.writesAfterFailure()).isZero();
		assertThat(progress).hasValue(length);
		assertThat(reader.readLine()).isEqualTo("NOOP");
	}

	@ParameterizedTest
	@MethodSource("chunkings")
	void decoderReusedAcrossLinesStillDecodesUtf8AndStillRefusesWhatIsNot(int chunk, int bufferSize)
			throws IOException {
		// An invalid line that ends inside a multi-byte sequence must leave no state behind for the next.
		byte[] wire = concat(bytes("GET Grüße\n"), bytes("GET "), new byte[] { (byte) 0xE6, (byte) 0x97 },
				bytes("\nGET 日本語\nNOOP\n"), new byte[] { (byte) 0x97, (byte) 0xA5 }, bytes("\n😀\r\nGET é"),
				new byte[] { (byte) 0xFF }, bytes("\nÉ\n\u007F\u0000\n"));
		ProtocolReader reader = reader(wire, chunk, bufferSize);

		assertThat(reader.readLine()).isEqualTo("GET Grüße");
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::readLine)
			.withMessageContaining("not valid UTF-8");
		assertThat(reader.readLine()).isEqualTo("GET 日本語");
		assertThat(reader.readLine()).isEqualTo("NOOP");
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::readLine)
			.withMessageContaining("not valid UTF-8");
		assertThat(reader.readLine()).isEqualTo("😀");
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::readLine)
			.withMessageContaining("not valid UTF-8");
		assertThat(reader.readLine()).isEqualTo("É");
		assertThat(reader.readLine()).isEqualTo("\u007F\u0000");
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void manyAlternatingAsciiAndNonAsciiLinesAllDecode() throws IOException {
		StringBuilder wire = new StringBuilder();
		for (int i = 0; i < 2000; i++) {
			wire.append((i % 3 == 0) ? "GET plain" + i : "GET ünï" + i + "😀").append('\n');
		}
		ProtocolReader reader = reader(bytes(wire.toString()), 977, SMALL_BUFFER);

		for (int i = 0; i < 2000; i++) {
			assertThat(reader.readLine()).isEqualTo((i % 3 == 0) ? "GET plain" + i : "GET ünï" + i + "😀");
		}
	}

	@Test
	void constructorRefusesABufferTooSmallForALine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProtocolReader(new ChunkedChannel(new byte[0], 1), SMALL_BUFFER - 1));
		assertThat(new ProtocolReader(new ChunkedChannel(new byte[0], 1), SMALL_BUFFER)).isNotNull();
	}

	private static ProtocolReader reader(byte[] wire, int chunk, int bufferSize) {
		return new ProtocolReader(new ChunkedChannel(wire, chunk), bufferSize);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** A channel over a byte array that hands out at most {@code chunk} bytes per read, as a socket may. */
	private static final class ChunkedChannel implements ReadableByteChannel {

		private final ByteBuffer source;

		private final int chunk;

		ChunkedChannel(byte[] bytes, int chunk) {
			this.source = ByteBuffer.wrap(bytes);
			this.chunk = chunk;
		}

		@Override
		public int read(ByteBuffer destination) {
			if (!this.source.hasRemaining()) {
				return -1;
			}
			int count = Math.min(Math.min(this.chunk, this.source.remaining()), destination.remaining());
			ByteBuffer slice = this.source.slice(this.source.position(), count);
			destination.put(slice);
			this.source.position(this.source.position() + count);
			return count;
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

	}

	/** A channel that gives whatever the destination has room for, and counts what it gave. */
	private static final class MeasuringChannel implements ReadableByteChannel {

		private final ByteBuffer source;

		MeasuringChannel(byte[] bytes) {
			this.source = ByteBuffer.wrap(bytes);
		}

		@Override
		public int read(ByteBuffer destination) {
			if (!this.source.hasRemaining()) {
				return -1;
			}
			int count = Math.min(this.source.remaining(), destination.remaining());
			destination.put(this.source.slice(this.source.position(), count));
			this.source.position(this.source.position() + count);
			return count;
		}

		int consumed() {
			return this.source.position();
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

	}

	/** A sink that keeps what it is given and fails, like a full disk, once it holds {@code capacity} bytes. */
	private static final class RecordingSink implements WritableByteChannel {

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private final long capacity;

		private final int maxPerWrite;

		private IOException failure;

		private int writes;

		private int writesAfterFailure;

		RecordingSink(long capacity) {
			this(capacity, Integer.MAX_VALUE);
		}

		RecordingSink(long capacity, int maxPerWrite) {
			this.capacity = capacity;
			this.maxPerWrite = maxPerWrite;
		}

		@Override
		public int write(ByteBuffer source) throws IOException {
			this.writes++;
			if (this.failure != null) {
				this.writesAfterFailure++;
			}
			if (this.received.size() >= this.capacity) {
				this.failure = new IOException("disk full");
				throw this.failure;
			}
			int count = Math.min(source.remaining(), this.maxPerWrite);
			byte[] bytes = new byte[count];
			source.get(bytes);
			this.received.writeBytes(bytes);
			return count;
		}

		byte[] bytes() {
			return this.received.toByteArray();
		}

		int writes() {
			return this.writes;
		}

		int writesAfterFailure() {
			return this.writesAfterFailure;
		}

		IOException failure() {
			return this.failure;
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
