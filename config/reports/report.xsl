<?xml version="1.0" encoding="UTF-8"?>
<!--
  The online degree verification report (中国高等教育学位在线验证报告 style), Chinese or English by $lang.
  Input: the <report> document built by cn.degreehub.report.ReportDocument. Output: XSL-FO for FOP (PDF/A-2b).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:svg="http://www.w3.org/2000/svg">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:param name="lang" select="/report/@lang"/>
  <xsl:variable name="zh" select="$lang = 'ZH'"/>

  <xsl:template name="label">
    <xsl:param name="zh-text"/>
    <xsl:param name="en-text"/>
    <xsl:choose>
      <xsl:when test="$zh"><xsl:value-of select="$zh-text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$en-text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="row">
    <xsl:param name="zh-text"/>
    <xsl:param name="en-text"/>
    <xsl:param name="value"/>
    <fo:table-row>
      <fo:table-cell padding="2.2mm" border-bottom="0.3pt solid #8c8c8c" background-color="#f2f2f2">
        <fo:block font-size="10pt" color="#333333">
          <xsl:call-template name="label">
            <xsl:with-param name="zh-text" select="$zh-text"/>
            <xsl:with-param name="en-text" select="$en-text"/>
          </xsl:call-template>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell padding="2.2mm" border-bottom="0.3pt solid #8c8c8c">
        <fo:block font-size="11pt"><xsl:copy-of select="$value"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="/report">
    <xsl:variable name="title">
      <xsl:call-template name="label">
        <xsl:with-param name="zh-text">中国高等教育学位在线验证报告</xsl:with-param>
        <xsl:with-param name="en-text">Online Verification Report of Higher Education Degree of China</xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <!-- font-family on the root: nothing may fall back to FOP's non-embedded base-14 fonts (PDF/A) -->
    <fo:root font-family="Noto Serif SC, Source Han Sans SC" language="{translate($lang, 'ZHEN', 'zhen')}">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
                               margin-top="18mm" margin-bottom="15mm" margin-left="22mm" margin-right="22mm">
          <fo:region-body margin-top="8mm" margin-bottom="14mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>

      <!-- PDF/A: document metadata as XMP here, not through FOUserAgent -->
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <!-- PDF/A (6.6.2.3.1): the value types of the XMP specification, a language alternative and a sequence -->
              <dc:title><rdf:Alt><rdf:li xml:lang="x-default"><xsl:value-of select="$title"/><xsl:text> </xsl:text><xsl:value-of select="reportNo"/></rdf:li></rdf:Alt></dc:title>
              <dc:creator><rdf:Seq><rdf:li>degree-hub</rdf:li></rdf:Seq></dc:creator>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
              <xmp:CreatorTool>degree-hub</xmp:CreatorTool>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
      </fo:declarations>

      <fo:page-sequence master-reference="A4">
        <fo:static-content flow-name="xsl-region-after">
          <fo:block font-size="8.5pt" color="#555555" text-align="center">
            <xsl:call-template name="label">
              <xsl:with-param name="zh-text">报告编号 </xsl:with-param>
              <xsl:with-param name="en-text">Report No. </xsl:with-param>
            </xsl:call-template>
            <xsl:value-of select="reportNo"/>
            <xsl:text>    </xsl:text>
            <xsl:choose>
              <xsl:when test="$zh">第 <fo:page-number/> 页 / 共 <fo:page-number-citation-last ref-id="report-end"/> 页</xsl:when>
              <xsl:otherwise>Page <fo:page-number/> of <fo:page-number-citation-last ref-id="report-end"/></xsl:otherwise>
            </xsl:choose>
          </fo:block>
        </fo:static-content>

        <fo:flow flow-name="xsl-region-body">
          <fo:block font-size="18pt" text-align="center" space-after="3mm" color="#7a1f1f">
            <xsl:value-of select="$title"/>
          </fo:block>
          <fo:block font-size="10pt" text-align="center" space-after="6mm" color="#555555">
            <xsl:call-template name="label">
              <xsl:with-param name="zh-text">学位信息核验中心 · 学位认证交换平台</xsl:with-param>
              <xsl:with-param name="en-text">Degree Verification Center · Degree Verification Exchange</xsl:with-param>
            </xsl:call-template>
          </fo:block>

          <fo:table table-layout="fixed" width="100%" space-after="5mm">
            <fo:table-column column-width="26%"/>
            <fo:table-column column-width="74%"/>
            <fo:table-body>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">报告编号</xsl:with-param>
                <xsl:with-param name="en-text">Report No.</xsl:with-param>
                <xsl:with-param name="value" select="string(reportNo)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">在线验证码</xsl:with-param>
                <xsl:with-param name="en-text">Verification Code</xsl:with-param>
                <xsl:with-param name="value" select="string(verificationCode)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">姓名</xsl:with-param>
                <xsl:with-param name="en-text">Name</xsl:with-param>
                <xsl:with-param name="value" select="string(holderName)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">证件号码</xsl:with-param>
                <xsl:with-param name="en-text">ID Number</xsl:with-param>
                <xsl:with-param name="value" select="string(idNumber)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">学位授予单位</xsl:with-param>
                <xsl:with-param name="en-text">Degree-granting Institution</xsl:with-param>
                <xsl:with-param name="value" select="concat(unitName, ' (', unitCode, ')')"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">学位级别</xsl:with-param>
                <xsl:with-param name="en-text">Degree Level</xsl:with-param>
                <xsl:with-param name="value" select="string(level)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">学科 / 专业</xsl:with-param>
                <xsl:with-param name="en-text">Discipline</xsl:with-param>
                <xsl:with-param name="value" select="string(discipline)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">获学位日期</xsl:with-param>
                <xsl:with-param name="en-text">Date of Award</xsl:with-param>
                <xsl:with-param name="value" select="string(awardDate)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">学位证书编号</xsl:with-param>
                <xsl:with-param name="en-text">Certificate No.</xsl:with-param>
                <xsl:with-param name="value" select="string(certificateNumber)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">验证结论</xsl:with-param>
                <xsl:with-param name="en-text">Result</xsl:with-param>
                <xsl:with-param name="value" select="string(result)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">出具日期</xsl:with-param>
                <xsl:with-param name="en-text">Date of Issue</xsl:with-param>
                <xsl:with-param name="value" select="string(issuedDate)"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="zh-text">有效期至</xsl:with-param>
                <xsl:with-param name="en-text">Valid Until</xsl:with-param>
                <xsl:with-param name="value" select="string(validUntil)"/>
              </xsl:call-template>
            </fo:table-body>
          </fo:table>

          <fo:table table-layout="fixed" width="100%">
            <fo:table-column column-width="36mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell>
                  <fo:block>
                    <fo:instream-foreign-object content-width="32mm" content-height="32mm">
                      <xsl:copy-of select="qr/svg:svg"/>
                    </fo:instream-foreign-object>
                  </fo:block>
                </fo:table-cell>
                <fo:table-cell padding-left="3mm" display-align="center">
                  <fo:block font-size="9.5pt" color="#333333" space-after="2mm">
                    <xsl:call-template name="label">
                      <xsl:with-param name="zh-text">扫描二维码或访问以下地址，输入在线验证码，可在有效期内免费查验本报告的真实性：</xsl:with-param>
                      <xsl:with-param name="en-text">Scan the QR code or visit the address below and enter the verification code to check this report free of charge while it is valid:</xsl:with-param>
                    </xsl:call-template>
                  </fo:block>
                  <fo:block font-size="9pt" wrap-option="wrap" hyphenate="false"><xsl:value-of select="verifyUrl"/></fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>

          <fo:block font-size="8.5pt" color="#555555" space-before="8mm">
            <xsl:call-template name="label">
              <xsl:with-param name="zh-text">说明：本报告经电子签名，任何改动均会使签名失效。报告中证件号码已作部分隐藏处理。</xsl:with-param>
              <xsl:with-param name="en-text">Note: this report is electronically signed; any change invalidates the signature. The ID number is partly masked. This English version is a translation of the Chinese report.</xsl:with-param>
            </xsl:call-template>
          </fo:block>
          <fo:block id="report-end"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
