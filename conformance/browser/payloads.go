package browser

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"sort"
	"unicode/utf16"
)

// The response bodies of initiator cases. Each is the smallest file a browser accepts as what
// it is, made here so the repository holds no binary file and no third-party data: an element
// that fails to load because its data is bad would look like one blocked by CORS.

// pngImage is a 2×2 opaque red PNG, encoded by image/png.
var pngImage = func() string {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	for y := 0; y < 2; y++ {
		for x := 0; x < 2; x++ {
			img.Set(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	return b.String()
}()

// wavSound is 0.1 s of silence: a RIFF WAVE file with one PCM format chunk (8 kHz, mono,
// 8 bits) and one data chunk.
var wavSound = func() string {
	const rate, samples = 8000, 800
	var b bytes.Buffer
	w := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + samples))
	b.WriteString("WAVEfmt ")
	w(uint32(16))   // fmt chunk size
	w(uint16(1))    // PCM
	w(uint16(1))    // channels
	w(uint32(rate)) // sample rate
	w(uint32(rate)) // byte rate
	w(uint16(1))    // block align
	w(uint16(8))    // bits per sample
	b.WriteString("data")
	w(uint32(samples))
	b.Write(bytes.Repeat([]byte{0x80}, samples)) // 8-bit PCM silence is 128
	return b.String()
}()

// ttfFont is a TrueType font with two glyphs, .notdef and a square that U+0020 (the text
// document.fonts.load checks by default) maps to: the ten tables a font needs to pass the sanitizers browsers run web fonts through (OTS
// in Chromium and Firefox), with correct checksums.
var ttfFont = func() string {
	be := func(vs ...any) []byte {
		var b bytes.Buffer
		for _, v := range vs {
			binary.Write(&b, binary.BigEndian, v)
		}
		return b.Bytes()
	}
	// A square from (0,0) to (500,700): one contour of four on-curve points, coordinates as
	// int16 deltas.
	square := be(int16(1), int16(0), int16(0), int16(500), int16(700), // contours, bbox
		uint16(3), uint16(0), // endPtsOfContours, instructionLength
		[4]uint8{1, 1, 1, 1},      // flags: on curve
		[4]int16{0, 0, 500, 0},    // x deltas
		[4]int16{0, 700, 0, -700}, // y deltas
		uint16(0))                 // pad to an even length
	glyf := append(append([]byte{}, square...), square...)
	loca := be(uint16(0), uint16(len(square)/2), uint16(len(glyf)/2)) // short offsets, halved
	head := be(uint32(0x00010000), uint32(0x00010000), uint32(0), uint32(0x5F0F3CF5),
		uint16(0x000B), uint16(1000), uint64(0), uint64(0), // flags, unitsPerEm, created, modified
		int16(0), int16(0), int16(500), int16(700), // bbox
		uint16(0), uint16(8), int16(2), int16(0), int16(0)) // macStyle, lowestRecPPEM, direction, short loca, glyph format
	hhea := be(uint32(0x00010000), int16(800), int16(-200), int16(0), uint16(500),
		int16(0), int16(0), int16(500), int16(1), int16(0), int16(0),
		[4]int16{}, int16(0), uint16(2))
	maxp := be(uint32(0x00010000), uint16(2), uint16(4), uint16(1), uint16(0), uint16(0),
		uint16(2), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0))
	hmtx := be(uint16(500), int16(0), uint16(500), int16(0))
	cmap := be(uint16(0), uint16(1), uint16(3), uint16(1), uint32(12), // one (3,1) subtable at 12
		uint16(4), uint16(32), uint16(0), uint16(4), uint16(4), uint16(1), uint16(0), // format 4 header, 2 segments
		[2]uint16{0x20, 0xFFFF}, uint16(0), [2]uint16{0x20, 0xFFFF}, // endCode, pad, startCode
		[2]int16{1 - 0x20, 1}, [2]uint16{0, 0}) // idDelta, idRangeOffset
	os2 := be(uint16(4), int16(500), uint16(400), uint16(5), uint16(0),
		[10]int16{650, 700, 0, 140, 650, 700, 0, 480, 50, 250}, int16(0),
		[10]uint8{}, [4]uint32{1, 0, 0, 0}, [4]byte{'n', 'o', 'n', 'e'},
		uint16(0x40), uint16(0x20), uint16(0x20), // fsSelection REGULAR, first and last char
		int16(800), int16(-200), int16(0), uint16(800), uint16(200),
		[2]uint32{1, 0}, int16(500), int16(700), uint16(0), uint16(0x20), uint16(1))
	post := be(uint32(0x00030000), uint32(0), int16(-100), int16(50), uint32(0),
		uint32(0), uint32(0), uint32(0), uint32(0))
	name := nameTable(map[uint16]string{1: "corsim", 2: "Regular", 3: "corsim test font", 4: "corsim", 5: "Version 1.0", 6: "corsim"})
	return sfnt(map[string][]byte{"OS/2": os2, "cmap": cmap, "glyf": glyf, "head": head, "hhea": hhea,
		"hmtx": hmtx, "loca": loca, "maxp": maxp, "name": name, "post": post})
}()

// nameTable is a format-0 name table with one Windows Unicode (3, 1, 0x409) record per name ID.
func nameTable(names map[uint16]string) []byte {
	ids := make([]int, 0, len(names))
	for id := range names {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	var strs bytes.Buffer
	var recs bytes.Buffer
	for _, id := range ids {
		u := utf16.Encode([]rune(names[uint16(id)]))
		binary.Write(&recs, binary.BigEndian, []uint16{3, 1, 0x409, uint16(id), uint16(2 * len(u)), uint16(strs.Len())})
		binary.Write(&strs, binary.BigEndian, u)
	}
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, []uint16{0, uint16(len(ids)), uint16(6 + recs.Len())})
	b.Write(recs.Bytes())
	b.Write(strs.Bytes())
	return b.Bytes()
}

// sfnt assembles an OpenType file: the table directory sorted by tag, each table 4-byte
// aligned with its checksum, and head's checkSumAdjustment set last.
func sfnt(tables map[string][]byte) string {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	pow := 1
	sel := 0
	for pow*2 <= n {
		pow *= 2
		sel++
	}
	var dir, data bytes.Buffer
	binary.Write(&dir, binary.BigEndian, []uint32{0x00010000})
	binary.Write(&dir, binary.BigEndian, []uint16{uint16(n), uint16(16 * pow), uint16(sel), uint16(16*n - 16*pow)})
	offset := 12 + 16*n
	headAt := 0
	for _, t := range tags {
		tb := tables[t]
		padded := append(append([]byte{}, tb...), make([]byte, (4-len(tb)%4)%4)...)
		if t == "head" {
			headAt = offset + data.Len()
		}
		dir.WriteString(t)
		binary.Write(&dir, binary.BigEndian, []uint32{checksum(padded), uint32(offset + data.Len()), uint32(len(tb))})
		data.Write(padded)
	}
	font := append(dir.Bytes(), data.Bytes()...)
	binary.BigEndian.PutUint32(font[headAt+8:], 0xB1B0AFBA-checksum(font))
	return string(font)
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}

// eventStream is a text/event-stream body with one event (id 7, data "hi") and a retry time of
// 200 ms, so a browser that reconnects when the response ends does so quickly.
const eventStream = "retry: 200\nid: 7\ndata: hi\n\n"

// throwingScript is a classic script that throws: the page's window error event shows whether
// the error's details reach it or are muted to "Script error.".
const throwingScript = "window.corsimRan = (window.corsimRan || 0) + 1; throw new Error(\"corsim-thrown\");\n"

// styleSheet has two rules, so reading cssRules shows whether the sheet is readable.
const styleSheet = "body { margin: 0 }\np { color: black }\n"

// fontSheet declares the font family the page loads, with the font at url (placeholders
// allowed).
func fontSheet(url string) string {
	return "@font-face { font-family: \"" + FontFamily + "\"; src: url(\"" + url + "\"); }\n"
}
